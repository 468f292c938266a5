import { Injectable } from '@nestjs/common';
import { type HandlerBinding, type JobPayload, jobs } from '@switchboard/jobs';
import { QueuesService } from '@switchboard/platform';
import { CampaignDispatcher } from '../../../apps/api/src/business/campaigns/dispatch/campaign-dispatcher';
import { CampaignSweeper } from '../../../apps/api/src/business/campaigns/dispatch/campaign-sweeper';

/** Thin handlers: the dispatcher and the sweeper live with the campaigns feature in the API's business layer. */
@Injectable()
export class CampaignsHandlers {
  constructor(
    private readonly dispatcher: CampaignDispatcher,
    private readonly sweeper: CampaignSweeper,
    private readonly queues: QueuesService,
  ) {}

  bindings(): HandlerBinding[] {
    return [
      {
        job: jobs.campaignsDispatch,
        handle: async (p) => {
          const { campaignId, slice } = p as JobPayload<'campaignsDispatch'>;
          const outcome = await this.dispatcher.runSlice(campaignId);
          // The chain goes on at once: a gap until the next sweep would show in the achieved rate.
          if (outcome === 'more')
            await this.queues.add(
              'campaignsDispatch',
              { campaignId, slice: slice + 1 },
              { jobId: `campaign-${campaignId}-${slice + 1}` },
            );
          return outcome;
        },
      },
      { job: jobs.campaignsSweep, handle: () => this.sweeper.sweep() },
    ];
  }
}
