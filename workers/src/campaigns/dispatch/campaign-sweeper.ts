import { Injectable, Logger } from '@nestjs/common';
import { background } from '@switchboard/jobs';
import { QueuesService } from '@switchboard/platform';
import { CampaignRepository } from './campaign.repository';
import { DispatcherLock } from './dispatcher-lock';

/** How often each worker process enqueues `campaigns.sweep` (one per interval across processes). */
export const CAMPAIGN_SWEEP_MS = background.campaignsSweep.everyMs;

/**
 * The campaigns' safety net and clock (docs/campaigns.md, "Dispatch"), run as a job every CAMPAIGN_SWEEP_MS: starts
 * what is due, follows template state, and restarts the dispatch of every running campaign that has no live
 * dispatcher — after a killed worker or a Redis flush, Postgres still says what is left, and this finds it.
 */
@Injectable()
export class CampaignSweeper {
  private readonly log = new Logger('CampaignSweeper');

  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly lock: DispatcherLock,
    private readonly queues: QueuesService,
  ) {}

  async sweep(): Promise<{ started: number; restarted: number }> {
    const started = await this.campaigns.startDue();
    await this.campaigns.followTemplates();
    await this.campaigns.endWaits();
    const running = await this.campaigns.runningIds();
    let restarted = 0;
    const bucket = Math.floor(Date.now() / CAMPAIGN_SWEEP_MS);
    for (const id of running) {
      if (await this.lock.alive(id)) continue;
      const chain = `s${bucket}`;
      await this.queues.add(
        'campaignsDispatch',
        { campaignId: id, slice: 0, chain },
        { jobId: `campaign-${id}-${chain}-0` },
      );
      restarted++;
    }
    if (started || restarted) this.log.log(`campaigns: ${started} started, ${restarted} dispatches (re)started`);
    return { started, restarted };
  }
}
