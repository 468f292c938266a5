import { Injectable } from '@nestjs/common';
import { bindJob, type HandlerBinding, jobs } from '@switchboard/jobs';
import { QueuesService } from '@switchboard/platform';
import { CampaignDispatcher } from './dispatch/campaign-dispatcher';
import { CampaignSweeper } from './dispatch/campaign-sweeper';

/** Slices of ≤ 10 s: about once a minute a slice claims from the campaign's first PENDING row again. */
const RESCAN_EVERY = 6;

/** Thin handlers: the dispatcher and the sweeper live in ./dispatch. */
@Injectable()
export class CampaignsHandlers {
  constructor(
    private readonly dispatcher: CampaignDispatcher,
    private readonly sweeper: CampaignSweeper,
    private readonly queues: QueuesService,
  ) {}

  bindings(): HandlerBinding[] {
    return [
      bindJob(jobs.campaignsDispatch, async ({ campaignId, slice, chain = 'c', cursor }) => {
        // Every RESCAN_EVERY-th slice claims from the start, so recipients deferred behind the cursor go out soon.
        const from = slice % RESCAN_EVERY === 0 ? 0 : (cursor ?? 0);
        const result = await this.dispatcher.runSlice(campaignId, from);
        // The chain goes on at once: a gap until the next sweep would show in the achieved rate.
        if (result.outcome === 'more')
          await this.queues.add(
            'campaignsDispatch',
            { campaignId, slice: slice + 1, chain, cursor: result.cursor },
            // Unique per chain: BullMQ ignores an add whose id a kept (completed) job still has.
            { jobId: `campaign-${campaignId}-${chain}-${slice + 1}` },
          );
        return result.outcome;
      }),
      bindJob(jobs.campaignsSweep, () => this.sweeper.sweep()),
    ];
  }
}
