import { Injectable } from '@nestjs/common';
import { windowOpen } from '@switchboard/business/contacts/service-window';
import { SendLimits } from '@switchboard/business/limits/send-limits';
import { campaignWamid } from '@switchboard/business/messages/wamid';
import type { SendableTemplate } from '@switchboard/business/templates/send/render';
import type { MessagingLimitTier } from '@switchboard/db';
import { CampaignLedgerRepository, type Dispatch } from './campaign-ledger.repository';
import { DispatchFailures, type RecipientFailure } from './dispatch-failures';
import { type CampaignRow, renderFor } from './render-recipient';

export interface BatchOutcome {
  claimed: number;
  /** The highest seq this batch claimed: the slice claims after it next (rows behind it are locked or done). */
  lastSeq: number;
  /** ms until a recipient held back by the messaging limit may go (the campaign waits). */
  limitWaitMs?: number;
}

/**
 * One batch of a campaign, one transaction (docs/campaigns.md, "Dispatch"): claim the next PENDING
 * recipients, read their contacts, render each one's template, apply the limits — the pair rate defers a recipient,
 * the messaging limit holds it back (the campaign waits), the number's throughput paces the batch (book its slots,
 * sleep until the first) — then move them to DISPATCHED and hand their messages to the send pipeline in one statement.
 */
@Injectable()
export class DispatchBatch {
  constructor(
    private readonly ledger: CampaignLedgerRepository,
    private readonly limits: SendLimits,
    private readonly failures: DispatchFailures,
  ) {}

  async run(
    campaign: CampaignRow,
    template: SendableTemplate,
    rate: number,
    tier: MessagingLimitTier,
    size: number,
    afterSeq: number,
  ): Promise<BatchOutcome> {
    const failed: RecipientFailure[] = [];
    const outcome = await this.ledger.transaction(async (client) => {
      const rows = await this.ledger.claim(client, campaign.id, size, afterSeq);
      if (!rows.length) return { claimed: 0, lastSeq: afterSeq };
      const contacts = await this.ledger.contacts(
        client,
        campaign.businessId,
        rows.map((r) => r.waId),
      );
      const skips: { seq: number; reason: string }[] = [];
      let ready: (Dispatch & { closed: boolean })[] = [];
      const now = Date.now();
      for (const r of rows) {
        const contact = contacts.get(r.waId);
        if (template.category === 'MARKETING' && contact?.optStatus === 'OPTED_OUT') {
          skips.push({ seq: r.seq, reason: 'opted_out' });
          continue;
        }
        const rendered = renderFor(campaign, template, r);
        if ('skip' in rendered) skips.push({ seq: r.seq, reason: rendered.skip });
        else if ('error' in rendered) failed.push({ recipient: r, error: rendered.error });
        else {
          const closed = !windowOpen(contact?.lastInboundAt, now);
          const wamid = campaignWamid(campaign.id, r.waId);
          ready.push({ seq: r.seq, wamid, waId: r.waId, payload: rendered.payload, initiated: closed, closed });
        }
      }
      // The pair rate first: a recipient it defers has not used any of the scarcer messaging-limit budget.
      const pairWaits = ready.length
        ? await this.limits.pairMany(
            campaign.phoneNumberId,
            ready.map((d) => d.waId),
          )
        : [];
      const deferred = ready.flatMap((d, i) => (pairWaits[i]! > 0 ? [{ seq: d.seq, ms: pairWaits[i]! }] : []));
      ready = ready.filter((_, i) => pairWaits[i] === 0);
      const closed = ready.filter((d) => d.closed);
      const limitWaits = closed.length
        ? await this.limits.unsolicitedMany(
            campaign.businessId,
            tier,
            closed.map((d) => d.waId),
          )
        : [];
      const held = new Set(closed.filter((_, i) => limitWaits[i]! > 0).map((d) => d.seq));
      ready = ready.filter((d) => !held.has(d.seq));

      if (ready.length) {
        const slot = await this.limits.bookThroughput(campaign.phoneNumberId, rate, ready.length);
        if (slot.waitMs > 0) await sleep(slot.waitMs);
        await this.ledger.dispatch(client, campaign, ready, slot.startMs);
      }
      await this.ledger.skip(client, campaign.id, skips);
      await this.ledger.defer(client, campaign.id, deferred);
      const waits = limitWaits.filter((w) => w > 0);
      const lastSeq = rows[rows.length - 1]!.seq;
      return { claimed: rows.length, lastSeq, ...(waits.length && { limitWaitMs: Math.min(...waits) }) };
    });
    if (outcome.claimed) this.ledger.wakeSendPipeline();
    // After the commit: each failure is its own transaction (ledger row, failed message, `failed` webhook).
    for (const f of failed) await this.failures.record(campaign, f);
    return outcome;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
