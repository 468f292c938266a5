import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { SendLimits } from '@switchboard/business/limits/send-limits';
import type { SendableTemplate } from '@switchboard/business/templates/send/render';
import { TemplatesService } from '@switchboard/business/templates/templates.service';
import type { MessagingLimitTier } from '@switchboard/db';
import { CampaignRepository } from './campaign.repository';
import { DispatchBatch } from './dispatch-batch';
import { DispatcherLock } from './dispatcher-lock';
import type { CampaignRow } from './render-recipient';

/** How long one `campaigns.dispatch` job runs before it hands on to the next (fairness, and bounded jobs). */
export const SLICE_MS = 10_000;
/** A batch carries this much of the number's throughput: 50 ms (4 messages at 80/s, 50 at 1,000/s). */
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
export interface SliceResult {
  outcome: SliceOutcome;
  /** Where the next slice may start claiming (the highest seq claimed). */
  cursor: number;
}

/**
 * Sends a campaign (docs/campaigns.md, "Dispatch") one slice at a time: batches (DispatchBatch) in a few
 * lanes until the slice's time is up, the campaign is done, waits for the messaging limit, or stops being RUNNING.
 * Nothing is kept in memory between batches: what is left is whatever the ledger says is PENDING.
 */
@Injectable()
export class CampaignDispatcher implements OnApplicationShutdown {
  private stopping = false;

  constructor(
    private readonly limits: SendLimits,
    private readonly templates: TemplatesService,
    private readonly lock: DispatcherLock,
    private readonly batches: DispatchBatch,
    private readonly state: CampaignRepository,
  ) {}

  onApplicationShutdown(): void {
    this.stopping = true;
  }

  /**
   * Runs batches for up to SLICE_MS in a few lanes at once ('more': the caller enqueues the next slice). Lanes hide
   * each batch's round trips behind the others' throughput waits; they claim disjoint rows (SKIP LOCKED) and book
   * slots from the one throughput bucket, so together they keep the number's rate, not a multiple of it.
   */
  async runSlice(campaignId: string, fromSeq = 0, sliceMs = SLICE_MS): Promise<SliceResult> {
    const deadline = Date.now() + sliceMs;
    const first = await this.context(campaignId);
    if (typeof first === 'string') return { outcome: await this.end(campaignId, first), cursor: fromSeq };
    let outcome: SliceOutcome | undefined;
    let context: Promise<Context | SliceOutcome> = Promise.resolve(first);
    let contextAt = Date.now();
    // Claims start after the highest seq claimed so far (the rows before it are done or held by a lane), so the index
    // walk stays short however far the campaign has come: every dispatched row leaves a dead index entry behind until
    // vacuum, and walking them from the start made each slice's first claim slower as a 1M campaign went on. The
    // cursor goes on to the next slice; rows left behind (deferred by the pair rate, a batch rolled back) are found
    // by the slices that start from 0 again (see CampaignsHandlers) and by the sweep's restarts.
    let cursor = fromSeq;
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
        const batch = await this.batches.run(c.campaign, c.template, c.rate, c.tier, c.size, cursor);
        cursor = Math.max(cursor, batch.lastSeq);
        if (batch.limitWaitMs !== undefined) {
          await this.state.waitForBudget(campaignId, batch.limitWaitMs);
          outcome ??= 'waiting';
          return;
        }
        if (!batch.claimed) return; // nothing this lane can take now; the others finish theirs
        if (this.stopping || Date.now() >= deadline) outcome ??= 'more';
      }
    };
    await Promise.all(Array.from({ length: lanesFor(first.rate) }, lane));
    // Released on 'more' too: the next slice may run in another worker process, whose token differs — holding the key
    // here made that slice stop, and the campaign idle until the key expired and the sweep restarted it.
    return { outcome: await this.end(campaignId, outcome ?? (await this.state.completeIfDone(campaignId))), cursor };
  }

  /** What a batch needs, or why the slice must stop (another dispatcher holds it, not RUNNING, template gone). */
  private async context(campaignId: string): Promise<Context | SliceOutcome> {
    if (!(await this.lock.hold(campaignId))) return 'stopped';
    const campaign = await this.state.read(campaignId);
    if (campaign?.status !== 'RUNNING') return 'stopped';
    const template = await this.templates.findSendable(
      campaign.businessId,
      campaign.templateName,
      campaign.templateLanguage,
    );
    if (template?.status !== 'APPROVED') {
      await this.state.pauseForTemplate(campaignId, template?.status ?? 'DELETED');
      return 'stopped';
    }
    const [rate, tier] = await Promise.all([
      this.limits.rateOf(campaign.phoneNumberId),
      this.limits.tierOf(campaign.businessId),
    ]);
    const size = Math.max(1, Math.min(MAX_BATCH, Math.round(rate * BATCH_SECONDS)));
    return { campaign, template: template.template, rate, tier, size };
  }

  private async end(campaignId: string, outcome: SliceOutcome): Promise<SliceOutcome> {
    await this.lock.release(campaignId).catch(() => undefined);
    return outcome;
  }
}
