import { Injectable } from '@nestjs/common';
import { InboxFeed } from '@switchboard/business/inbox/live/inbox-feed';
import {
  type MessageError,
  MessageLogService,
  type StatusChange,
} from '@switchboard/business/messages/log/message-log.service';
import { MessageStatusRepository } from '@switchboard/business/messages/log/message-status.repository';
import {
  DELIVERY_STEPS,
  type DeliveryStep,
  type OutboundStatus,
  stepsUpTo,
} from '@switchboard/business/messages/message-status';
import { PrismaService } from '@switchboard/platform';
import { WebhookEventsService } from '@switchboard/webhooks';
import { FlowInbox } from '../flows/flow-inbox';
import { type PricingFacts, pricingOf } from './pricing/pricing';
import { PricingRepository } from './pricing/pricing.repository';
import { ERROR_CODES_URL, NumberMetadataCache, unixSeconds } from './webhook-values';

type Tx = Parameters<Parameters<PrismaService['client']['$transaction']>[0]>[0];
/** Status moves whose live inbox events the transaction records last. */
type LiveMoves = { moves: StatusChange[]; status: OutboundStatus; error?: MessageError }[];

/**
 * Moves an outbound message forward and emits its `statuses` webhook (orderingKey = wamid) in the same transaction,
 * one step at a time: a read receipt that overtakes the delivery receipt (or the ✓ itself) still produces
 * sent → delivered → read, never read first. MessageLogService.markStatus answers only for a real change, so a
 * repeated receipt or a concurrent worker emits nothing twice. A move of a message in an inbox conversation is also the
 * agents' live event (InboxFeed), rung once the transaction is over (a caller's transaction may commit later: the
 * live catch-up loop reads it then).
 */
@Injectable()
export class StatusReporter {
  constructor(
    private readonly prisma: PrismaService,
    private readonly log: MessageLogService,
    private readonly statuses: MessageStatusRepository,
    private readonly events: WebhookEventsService,
    private readonly numbers: NumberMetadataCache,
    private readonly pricing: PricingRepository,
    private readonly flows: FlowInbox,
    private readonly inbox: InboxFeed,
  ) {}

  advance(wamid: string, target: DeliveryStep, at: Date, tx?: Tx): Promise<void> {
    return this.inTx(tx, async (t, live) => {
      for (const step of stepsUpTo(target)) await this.step(t, live, wamid, step, at);
    });
  }

  /**
   * advance() for many messages in one transaction (the caller's, else its own): their rows locked first, in wamid
   * order, then one statement and one batched emit per step — every message's sent before any delivered, and so on.
   * A message's step takes the time of the first item that reaches it.
   */
  advanceMany(items: { wamid: string; target: DeliveryStep; at: Date }[], tx?: Tx): Promise<void> {
    if (!items.length) return Promise.resolve();
    return this.inTx(tx, async (t, live) => {
      await this.statuses.lockMany(
        t,
        items.map((i) => i.wamid),
      );
      for (const [level, step] of DELIVERY_STEPS.entries()) {
        const first = new Map<string, Date>();
        for (const i of items)
          if (DELIVERY_STEPS.indexOf(i.target) >= level && !first.has(i.wamid)) first.set(i.wamid, i.at);
        if (!first.size) continue;
        const rows = await this.statuses.markMany(t, step, first);
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
        live.push({ moves: rows, status: step });
      }
    });
  }

  fail(wamid: string, error: MessageError, at: Date, tx?: Tx): Promise<void> {
    return this.inTx(tx, (t, live) => this.step(t, live, wamid, 'failed', at, error));
  }

  /**
   * Runs in the caller's transaction or its own; the moves' live events are recorded last (they hold the business's
   * event counter until the commit), then the inbox of every business whose agents have news is rung.
   */
  private async inTx(tx: Tx | undefined, run: (t: Tx, live: LiveMoves) => Promise<void>): Promise<void> {
    const live: LiveMoves = [];
    const rung = new Set<string>();
    const all = async (t: Tx) => {
      await run(t, live);
      for (const { moves, status, error } of live)
        for (const b of await this.inbox.statuses(t, moves, status, error)) rung.add(b);
    };
    await (tx ? all(tx) : this.prisma.client.$transaction(all));
    for (const b of rung) this.inbox.ring(b);
  }

  private async step(
    tx: Tx,
    live: LiveMoves,
    wamid: string,
    status: OutboundStatus,
    at: Date,
    error?: MessageError,
  ): Promise<void> {
    const row = await this.log.markStatus(wamid, status, { at, tx, ...(error && { error }) });
    if (!row) return;
    const facts = await this.factsFor(tx, status, [row]);
    const { businessId, value } = await this.value(row, status, at, facts.get(row.wamid), error);
    await this.events.emit(businessId, 'messages', value, { orderingKey: row.wamid, tx });
    // A flow step's message that failed after the step moved on: its run takes the step's error branch.
    if (status === 'failed') await this.flows.stepFailed(tx, row, error);
    live.push({ moves: [row], status, ...(error && { error }) });
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
