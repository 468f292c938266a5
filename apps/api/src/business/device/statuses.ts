import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import { WebhookEventsService } from '@switchboard/webhooks';
import {
  type MessageError,
  MessageLogService,
  type OutboundStatus,
  type StatusChange,
} from '../messages/log/message-log.service';
import { NumberMetadataCache, unixSeconds } from './webhook-values';

const ORDER = ['sent', 'delivered', 'read'] as const;

/** markStatus(wamid, 'sent') for many messages in one statement: $1 wamids, $2 times (ISO). Rows that moved only. */
const MARK_SENT_MANY_SQL = `
UPDATE "BusinessMessage" m SET "status" = 'sent', "sentAt" = COALESCE(m."sentAt", t.at)
FROM unnest($1::text[], $2::timestamp(3)[]) AS t(wamid, at)
WHERE m."wamid" = t.wamid AND m."direction" = 'outbound' AND m."status" = 'queued'
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
  ) {}

  advance(wamid: string, target: 'sent' | 'delivered' | 'read', at: Date, tx?: Tx): Promise<void> {
    const run = async (t: Tx) => {
      for (const step of ORDER.slice(0, ORDER.indexOf(target) + 1)) await this.step(t, wamid, step, at);
    };
    return tx ? run(tx) : this.prisma.client.$transaction(run);
  }

  /** ✓ for many messages in the caller's transaction: one statement and one batched emit for all. */
  async sentMany(items: { wamid: string; at: Date }[], tx: Tx): Promise<void> {
    if (!items.length) return;
    const at = new Map(items.map((i) => [i.wamid, i.at]));
    const rows = await tx.$queryRawUnsafe<StatusChange[]>(
      MARK_SENT_MANY_SQL,
      items.map((i) => i.wamid),
      items.map((i) => i.at.toISOString()),
    );
    const events = await Promise.all(
      rows.map(async (row) => ({ ...(await this.value(row, 'sent', at.get(row.wamid)!)), orderingKey: row.wamid })),
    );
    await this.events.emitMany(
      events.map(({ businessId, value, orderingKey }) => ({ businessId, field: 'messages', value, orderingKey })),
      tx,
    );
  }

  fail(wamid: string, error: MessageError, at: Date, tx?: Tx): Promise<void> {
    const run = (t: Tx) => this.step(t, wamid, 'failed', at, error);
    return tx ? run(tx) : this.prisma.client.$transaction(run);
  }

  private async step(tx: Tx, wamid: string, status: OutboundStatus, at: Date, error?: MessageError): Promise<void> {
    const row = await this.log.markStatus(wamid, status, { at, tx, ...(error && { error }) });
    if (!row) return;
    const { businessId, value } = await this.value(row, status, at, error);
    await this.events.emit(businessId, 'messages', value, { orderingKey: row.wamid, tx });
  }

  private async value(row: StatusChange, status: OutboundStatus, at: Date, error?: MessageError) {
    const { businessId, ...metadata } = await this.numbers.of(row.phoneNumberId);
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
          ...(error && { errors: [error] }),
        },
      ],
    };
    return { businessId, value };
  }
}
