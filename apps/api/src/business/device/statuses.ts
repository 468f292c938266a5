import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import { WebhookEventsService } from '@switchboard/webhooks';
import { type MessageError, MessageLogService, type OutboundStatus } from '../messages/log/message-log.service';
import { NumberMetadataCache, unixSeconds } from './webhook-values';

const ORDER = ['sent', 'delivered', 'read'] as const;
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

  fail(wamid: string, error: MessageError, at: Date, tx?: Tx): Promise<void> {
    const run = (t: Tx) => this.step(t, wamid, 'failed', at, error);
    return tx ? run(tx) : this.prisma.client.$transaction(run);
  }

  private async step(tx: Tx, wamid: string, status: OutboundStatus, at: Date, error?: MessageError): Promise<void> {
    const row = await this.log.markStatus(wamid, status, { at, tx, ...(error && { error }) });
    if (!row) return;
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
    await this.events.emit(businessId, 'messages', value, { orderingKey: row.wamid, tx });
  }
}
