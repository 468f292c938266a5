import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { MessagingLimitTier } from '@switchboard/db';
import type pg from 'pg';
import { WINDOW_MS } from '../../contacts/outputs/contact.output';
import { SendLimits } from '../../limits/send-limits';
import { SEND_OUTBOX_CHANNEL } from '../../messages/log/outbox-wake';
import { campaignWamid } from '../../messages/send/wamid';
import type { SendableTemplate } from '../../templates/send/render';
import { TemplatesService } from '../../templates/templates.service';
import { CampaignsDb } from './campaigns-db';
import {
  CLAIM_SQL,
  type ClaimedRecipient,
  CONTACTS_SQL,
  DEFER_SQL,
  DISPATCH_SQL,
  type Dispatch,
  dispatchParams,
  SKIP_SQL,
} from './dispatch.sql';
import { DispatchFailures, type RecipientFailure } from './dispatch-failures';
import { DispatcherLock } from './dispatcher-lock';
import { type CampaignRow, renderFor } from './render-recipient';

/** How long one `campaigns.dispatch` job runs before it hands on to the next (fairness, and bounded jobs). */
export const SLICE_MS = 10_000;
/** A batch carries this much of the number’s throughput: 20 ms (2 messages at 80/s, 20 at 1,000/s): what a 1-second window can catch early. */
const BATCH_SECONDS = 0.05;
const MAX_BATCH = 100;
/** How stale a slice's view of its campaign (status, template, rate, tier) may get. */
const CONTEXT_MS = 500;
/** Batches in flight per campaign: one per 250 msgs/s of throughput, at most 4 (the pool has 6 connections). */
const lanesFor = (rate: number) => Math.max(1, Math.min(4, Math.ceil(rate / 250)));

interface Context {
  campaign: CampaignRow;
  template: SendableTemplate;
  rate: number;
  tier: MessagingLimitTier;
  size: number;
}

export type SliceOutcome = 'more' | 'done' | 'stopped' | 'waiting';

interface BatchOutcome {
  claimed: number;
  /** ms until a recipient held back by the messaging limit may go (the campaign waits). */
  limitWaitMs?: number;
}

/**
 * Sends a campaign (docs/campaigns.md, "Dispatch"): batch after batch, claim the next PENDING recipients, render
 * their template, apply the limits (pair rate defers a recipient, the messaging limit makes the campaign wait, the
 * number's throughput paces the batch), then move them to DISPATCHED and hand their messages to the send pipeline
 * in one statement. Nothing is kept in memory between batches: what is left is whatever the ledger says is PENDING.
 */
@Injectable()
export class CampaignDispatcher implements OnApplicationShutdown {
  private readonly log = new Logger('CampaignDispatcher');
  private stopping = false;

  constructor(
    private readonly db: CampaignsDb,
    private readonly limits: SendLimits,
    private readonly templates: TemplatesService,
    private readonly lock: DispatcherLock,
    private readonly failures: DispatchFailures,
  ) {}

  onApplicationShutdown(): void {
    this.stopping = true;
  }

  /**
   * Runs batches for up to SLICE_MS in a few lanes at once ('more': the caller enqueues the next slice). Lanes hide
   * each batch's round trips behind the others' throughput waits; they claim disjoint rows (SKIP LOCKED) and book
   * slots from the one throughput bucket, so together they keep the number's rate, not a multiple of it.
   */
  async runSlice(campaignId: string, sliceMs = SLICE_MS): Promise<SliceOutcome> {
    const deadline = Date.now() + sliceMs;
    const first = await this.context(campaignId);
    if (typeof first === 'string') return this.end(campaignId, first);
    let outcome: SliceOutcome | undefined;
    let context: Promise<Context | SliceOutcome> = Promise.resolve(first);
    let contextAt = Date.now();
    const lane = async () => {
      while (!outcome) {
        // Campaign state, template, lock, rate and tier are re-read twice a second, not per batch.
        if (Date.now() - contextAt > CONTEXT_MS) {
          contextAt = Date.now();
          context = this.context(campaignId);
        }
        const c = await context;
        if (typeof c === 'string') {
          outcome ??= c;
          return;
        }
        const batch = await this.batch(c.campaign, c.template, c.rate, c.tier, c.size);
        if (batch.limitWaitMs !== undefined) {
          await this.waitForBudget(campaignId, batch.limitWaitMs);
          outcome ??= 'waiting';
          return;
        }
        if (!batch.claimed) return; // nothing this lane can take now; the others finish theirs
        if (this.stopping || Date.now() >= deadline) outcome ??= 'more';
      }
    };
    await Promise.all(Array.from({ length: lanesFor(first.rate) }, lane));
    if (outcome === 'more') return outcome;
    return this.end(campaignId, outcome ?? (await this.completeIfDone(campaignId)));
  }

  /** What a batch needs, or why the slice must stop (another dispatcher holds it, not RUNNING, template gone). */
  private async context(campaignId: string): Promise<Context | SliceOutcome> {
    if (!(await this.lock.hold(campaignId))) return 'stopped';
    const campaign = await this.campaign(campaignId);
    if (campaign?.status !== 'RUNNING') return 'stopped';
    const template = await this.templates.findSendable(
      campaign.businessId,
      campaign.templateName,
      campaign.templateLanguage,
    );
    if (template?.status !== 'APPROVED') {
      await this.pauseForTemplate(campaignId, template?.status ?? 'DELETED');
      return 'stopped';
    }
    const [rate, tier] = await Promise.all([
      this.limits.rateOf(campaign.phoneNumberId),
      this.limits.tierOf(campaign.businessId),
    ]);
    const size = Math.max(1, Math.min(MAX_BATCH, Math.round(rate * BATCH_SECONDS)));
    return { campaign, template: template.template, rate, tier, size };
  }

  private async batch(
    campaign: CampaignRow,
    template: SendableTemplate,
    rate: number,
    tier: MessagingLimitTier,
    size: number,
  ): Promise<BatchOutcome> {
    const failed: RecipientFailure[] = [];
    const outcome = await this.db.transaction(async (client) => {
      const { rows } = await client.query<ClaimedRecipient>(CLAIM_SQL, [campaign.id, size]);
      if (!rows.length) return { claimed: 0 };
      const contacts = await this.contacts(client, campaign.businessId, rows);
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
          const closed = !contact?.lastInboundAt || now - contact.lastInboundAt.getTime() >= WINDOW_MS;
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
        const params = dispatchParams(campaign.id, campaign.businessId, campaign.phoneNumberId, ready, slot.startMs);
        await client.query(DISPATCH_SQL, params);
      }
      if (skips.length)
        await client.query(SKIP_SQL, [campaign.id, skips.map((s) => s.seq), skips.map((s) => s.reason)]);
      if (deferred.length)
        await client.query(DEFER_SQL, [campaign.id, deferred.map((d) => d.seq), deferred.map((d) => d.ms)]);
      const waits = limitWaits.filter((w) => w > 0);
      return { claimed: rows.length, ...(waits.length && { limitWaitMs: Math.min(...waits) }) };
    });
    if (outcome.claimed) void this.db.query(`SELECT pg_notify('${SEND_OUTBOX_CHANNEL}', '')`).catch(() => undefined);
    // After the commit: each failure is its own transaction (ledger row, failed message, `failed` webhook).
    for (const f of failed) await this.failures.record(campaign, f);
    return outcome;
  }

  private async contacts(client: pg.PoolClient, businessId: string, rows: ClaimedRecipient[]) {
    const { rows: found } = await client.query<{ waId: string; lastInboundAt: Date | null; optStatus: string }>(
      CONTACTS_SQL,
      [businessId, rows.map((r) => r.waId)],
    );
    return new Map(found.map((c) => [c.waId, c]));
  }

  private async campaign(id: string): Promise<CampaignRow | undefined> {
    const { rows } = await this.db.query<CampaignRow>(
      `SELECT "id", "businessId", "phoneNumberId", "status", "templateName", "templateLanguage", "components"
       FROM "Campaign" WHERE "id" = $1`,
      [id],
    );
    return rows[0];
  }

  /** No recipient left to claim: COMPLETED once none is PENDING at all (deferred ones still count as left). */
  private async completeIfDone(campaignId: string): Promise<SliceOutcome> {
    const { rowCount } = await this.db.query(
      `UPDATE "Campaign" SET "status" = 'COMPLETED', "completedAt" = now(), "waitReason" = NULL, "waitUntil" = NULL,
              "updatedAt" = now()
       WHERE "id" = $1 AND "status" = 'RUNNING'
         AND NOT EXISTS (SELECT 1 FROM "CampaignRecipient" WHERE "campaignId" = $1 AND "state" = 'PENDING')`,
      [campaignId],
    );
    if (rowCount) this.log.log(`campaign ${campaignId} dispatched every recipient`);
    return rowCount ? 'done' : 'waiting';
  }

  private async waitForBudget(campaignId: string, ms: number): Promise<void> {
    await this.db.query(
      `UPDATE "Campaign" SET "waitReason" = 'messaging_limit', "waitUntil" = now() + $2 * interval '1 millisecond',
              "updatedAt" = now()
       WHERE "id" = $1 AND "status" = 'RUNNING'`,
      [campaignId, ms],
    );
  }

  async pauseForTemplate(campaignId: string, templateStatus: string): Promise<void> {
    const reason = `template_${templateStatus.toLowerCase()}`;
    const { rowCount } = await this.db.query(
      `UPDATE "Campaign" SET "status" = 'PAUSED', "pauseReason" = $2, "updatedAt" = now()
       WHERE "id" = $1 AND "status" = 'RUNNING'`,
      [campaignId, reason],
    );
    if (rowCount) this.log.log(`campaign ${campaignId} paused: its template is ${templateStatus}`);
  }

  private async end(campaignId: string, outcome: SliceOutcome): Promise<SliceOutcome> {
    await this.lock.release(campaignId).catch(() => undefined);
    return outcome;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
