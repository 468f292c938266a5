import { Injectable } from '@nestjs/common';
import {
  type MessageError,
  MessageLogService,
  type OutboundStatus,
  type StatusChange,
} from '@switchboard/business/messages/log/message-log.service';
import { PrismaService } from '@switchboard/platform';
import { WebhookEventsService } from '@switchboard/webhooks';
import { type PricingFacts, pricingOf } from './pricing/pricing';
import { PricingRepository } from './pricing/pricing.repository';
import { ERROR_CODES_URL, NumberMetadataCache, unixSeconds } from './webhook-values';

const ORDER = ['sent', 'delivered', 'read'] as const;
type Target = (typeof ORDER)[number];

/** Locks the rows of many messages in one order (wamid), so two transactions moving many at once cannot deadlock. */
const LOCK_MANY_SQL = `SELECT count(*) FROM (SELECT 1 FROM "BusinessMessage" WHERE "wamid" = ANY($1::text[])
  ORDER BY "wamid" FOR UPDATE) AS l`;

/**
 * MARK_STATUS_SQL (messages/log/status.sql.ts) for many messages: $1 wamids, $2 status, $3 times (ISO), by position.
 * Only the wamid index can serve it, whatever the statistics say: joined to unnest($1, $3), a young table's stale
 * statistics (few 'queued' rows) made the planner loop over the status index comparing every row with every wamid
 * (300–500 ms for 512 messages), and a plain `status = 'queued'` still read every queued row. Hence no join, and the
 * transition test as a CASE, which no index matches (test/business/device/status-plans.test.ts).
 */
export const MARK_MANY_SQL = `
UPDATE "BusinessMessage" m SET
  "status" = $2::"BusinessMessageStatus",
  "sentAt" = COALESCE(m."sentAt", ($3::timestamp(3)[])[array_position($1::text[], m."wamid")]),
  "deliveredAt" = CASE WHEN $2 IN ('delivered', 'read')
    THEN COALESCE(m."deliveredAt", ($3::timestamp(3)[])[array_position($1::text[], m."wamid")])
    ELSE m."deliveredAt" END,
  "readAt" = CASE WHEN $2 = 'read' THEN ($3::timestamp(3)[])[array_position($1::text[], m."wamid")] ELSE m."readAt" END
WHERE m."wamid" = ANY($1::text[]) AND m."direction" = 'outbound' AND CASE m."status"
  WHEN 'queued' THEN true WHEN 'sent' THEN $2 IN ('delivered', 'read') WHEN 'delivered' THEN $2 = 'read' ELSE false END
RETURNING m."id", m."wamid", m."businessId", m."phoneNumberId", m."waId", m."status", m."bizOpaqueCallbackData"`;
type Tx = Parameters<Parameters<PrismaService['client']['$transaction']>[0]>[0];

/**
 * Moves an outbound message forward and emits its `statuses` webhook (orderingKey = wamid) in the same transaction,
 * one step at a time: a read receipt that overtakes the delivery receipt (or the ✓ itself) still produces
 * sent → delivered → read, never read first. MessageLogService.markStatus answers only for a real change, so a
 * repeated receipt or a concurrent worker emits nothing twice.
 */
@Injectable()
export class StatusReporter {
  constructor(
    private readonly prisma: PrismaService,
    private readonly log: MessageLogService,
    private readonly events: WebhookEventsService,
    private readonly numbers: NumberMetadataCache,
    private readonly pricing: PricingRepository,
  ) {}

  advance(wamid: string, target: Target, at: Date, tx?: Tx): Promise<void> {
    const run = async (t: Tx) => {
      for (const step of ORDER.slice(0, ORDER.indexOf(target) + 1)) await this.step(t, wamid, step, at);
    };
    return tx ? run(tx) : this.prisma.client.$transaction(run);
  }

  /**
   * advance() for many messages in one transaction (the caller's, else its own): their rows locked first, in wamid
   * order, then one statement and one batched emit per step — every message's sent before any delivered, and so on.
   * A message's step takes the time of the first item that reaches it.
   */
  advanceMany(items: { wamid: string; target: Target; at: Date }[], tx?: Tx): Promise<void> {
    if (!items.length) return Promise.resolve();
    const run = async (t: Tx) => {
      await t.$queryRawUnsafe(LOCK_MANY_SQL, [...new Set(items.map((i) => i.wamid))]);
      for (const [level, step] of ORDER.entries()) {
        const first = new Map<string, Date>();
        for (const i of items) if (ORDER.indexOf(i.target) >= level && !first.has(i.wamid)) first.set(i.wamid, i.at);
        if (!first.size) continue;
        const rows = await t.$queryRawUnsafe<StatusChange[]>(
          MARK_MANY_SQL,
          [...first.keys()],
          step,
          [...first.values()].map((at) => at.toISOString()),
        );
        const facts = await this.factsFor(t, step, rows);
        const events = await Promise.all(
          rows.map((row) => this.value(row, step, first.get(row.wamid)!, facts.get(row.wamid))),
        );
        await this.events.emitMany(
          events.map(({ businessId, value }, j) => ({
            businessId,
            field: 'messages',
            value,
            orderingKey: rows[j]!.wamid,
          })),
          t,
        );
      }
    };
    return tx ? run(tx) : this.prisma.client.$transaction(run);
  }

  fail(wamid: string, error: MessageError, at: Date, tx?: Tx): Promise<void> {
    const run = (t: Tx) => this.step(t, wamid, 'failed', at, error);
    return tx ? run(tx) : this.prisma.client.$transaction(run);
  }

  private async step(tx: Tx, wamid: string, status: OutboundStatus, at: Date, error?: MessageError): Promise<void> {
    const row = await this.log.markStatus(wamid, status, { at, tx, ...(error && { error }) });
    if (!row) return;
    const facts = await this.factsFor(tx, status, [row]);
    const { businessId, value } = await this.value(row, status, at, facts.get(row.wamid), error);
    await this.events.emit(businessId, 'messages', value, { orderingKey: row.wamid, tx });
  }

  /** Meta sends pricing and conversation with `sent` and the first of delivered/read (here always `delivered`). */
  private factsFor(tx: Tx, status: OutboundStatus, rows: StatusChange[]): Promise<Map<string, PricingFacts>> {
    if (status !== 'sent' && status !== 'delivered') return Promise.resolve(new Map());
    return this.pricing.facts(
      tx,
      rows.map((r) => r.wamid),
    );
  }

  private async value(
    row: StatusChange,
    status: OutboundStatus,
    at: Date,
    facts: PricingFacts | undefined,
    error?: MessageError,
  ) {
    const { businessId, ...metadata } = await this.numbers.of(row.phoneNumberId);
    const priced = facts && pricingOf(facts, row.phoneNumberId, row.waId);
    // The conversation's expiry is in the `sent` status only, as Meta sends it.
    const conversation = priced && {
      id: priced.conversation.id,
      ...(status === 'sent' && { expiration_timestamp: priced.conversation.expiration_timestamp }),
      origin: priced.conversation.origin,
    };
    const value = {
      messaging_product: 'whatsapp',
      metadata,
      statuses: [
        {
          id: row.wamid,
          status,
          timestamp: unixSeconds(at),
          recipient_id: row.waId,
          ...(row.bizOpaqueCallbackData && { biz_opaque_callback_data: row.bizOpaqueCallbackData }),
          ...(priced && { conversation, pricing: priced.pricing }),
          ...(error && { errors: [{ ...error, href: error.href ?? ERROR_CODES_URL }] }),
        },
      ],
    };
    return { businessId, value };
  }
}
