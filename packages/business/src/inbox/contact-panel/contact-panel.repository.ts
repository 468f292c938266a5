import { Injectable } from '@nestjs/common';
import type { Conversation } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';

/** The campaigns that reached this contact from this number, newest first: $1 businessId, $2 phoneNumberId, $3 waId. */
const CAMPAIGNS_SQL = `
SELECT c."id", c."name", m."status"::text AS "status", m."createdAt"
FROM "BusinessMessage" m JOIN "Campaign" c ON c."id" = m."campaignId"
WHERE m."businessId" = $1 AND m."phoneNumberId" = $2 AND m."waId" = $3 AND m."campaignId" IS NOT NULL
ORDER BY m."id" DESC
LIMIT 10`;

const RECENT = 10;

/** What the contact panel shows beside a conversation, read from the contact, the log, campaigns and flow runs. */
@Injectable()
export class ContactPanelRepository {
  constructor(private readonly prisma: PrismaService) {}

  contact(c: Conversation) {
    return this.prisma.client.contact.findUnique({
      where: { businessId_waId: { businessId: c.businessId, waId: c.waId } },
    });
  }

  campaigns(c: Conversation) {
    return this.prisma.client.$queryRawUnsafe<{ id: string; name: string; status: string; createdAt: Date }[]>(
      CAMPAIGNS_SQL,
      c.businessId,
      c.phoneNumberId,
      c.waId,
    );
  }

  flowRuns(c: Conversation) {
    return this.prisma.client.flowRun.findMany({
      where: { businessId: c.businessId, phoneNumberId: c.phoneNumberId, waId: c.waId },
      orderBy: { startedAt: 'desc' },
      take: RECENT,
      select: { id: true, flowId: true, status: true, startedAt: true, endedAt: true },
    });
  }
}
