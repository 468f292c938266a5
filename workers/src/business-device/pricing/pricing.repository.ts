import { Injectable } from '@nestjs/common';
import type { PricingFacts } from './pricing';

/** What the statement needs of a Prisma client or interactive-transaction client. */
interface RawQueryClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * Per message: its type, the template's category as rendered at send time (`payload.rendered.category`), when it was
 * sent, and the consumer's last message (the customer-service window). One probe of the wamid index and one of the
 * Contact key per message. $1 wamids.
 */
const FACTS_SQL = `
SELECT m."wamid", m."type", m."payload"->'rendered'->>'category' AS "templateCategory", m."sentAt", c."lastInboundAt"
FROM "BusinessMessage" m
LEFT JOIN "Contact" c ON c."businessId" = m."businessId" AND c."waId" = m."waId"
WHERE m."wamid" = ANY($1::text[])`;

/** Reads, in the status transaction, what the pricing and conversation objects of status webhooks are made of. */
@Injectable()
export class PricingRepository {
  async facts(tx: RawQueryClient, wamids: string[]): Promise<Map<string, PricingFacts>> {
    if (!wamids.length) return new Map();
    const rows = await tx.$queryRawUnsafe<(PricingFacts & { wamid: string })[]>(FACTS_SQL, wamids);
    return new Map(rows.map(({ wamid, ...facts }) => [wamid, facts]));
  }
}
