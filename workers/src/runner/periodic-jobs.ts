import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SWEEP_EVERY_MS } from '@switchboard/business/templates/review/template-review.service';
import type { Config } from '@switchboard/config';
import { CONFIG, JobTicker, QueuesService } from '@switchboard/platform';
import { CAMPAIGN_SWEEP_MS } from '../campaigns/dispatch/campaign-sweeper';
import { CONTENT_PURGE_EVERY_MS } from '../maintenance/content-retention.service';

/**
 * The worker process's periodic jobs, each added by every worker process on a timer (JobTicker: one job per interval
 * across processes): the template review sweep, the tier review, the content retention purge, and — unless
 * CAMPAIGNS_SWEEP=off — the campaign sweep. (The webhook sweep ticks from @switchboard/webhooks.)
 */
@Injectable()
export class PeriodicJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly tickers: JobTicker[];

  constructor(queues: QueuesService, @Inject(CONFIG) config: Config) {
    this.tickers = [
      new JobTicker(queues, 'sweepTemplateReviews', SWEEP_EVERY_MS),
      new JobTicker(queues, 'limitsReviewTiers', config.limits.tierReviewIntervalSeconds * 1000),
      new JobTicker(queues, 'purgeContent', CONTENT_PURGE_EVERY_MS),
      ...(config.business.campaignSweepEnabled ? [new JobTicker(queues, 'campaignsSweep', CAMPAIGN_SWEEP_MS)] : []),
    ];
  }

  onApplicationBootstrap(): void {
    for (const t of this.tickers) t.start();
  }

  onApplicationShutdown(): void {
    for (const t of this.tickers) t.stop();
  }
}
