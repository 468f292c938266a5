import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, QueuesService } from '@switchboard/platform';
import { CAMPAIGN_SWEEP_MS } from '../../../apps/api/src/business/campaigns/dispatch/campaign-sweeper';

/**
 * Adds `campaigns.sweep` every CAMPAIGN_SWEEP_MS from each worker process, with the interval's number as job id so
 * all processes together add one per interval. A timer, not a repeatable job: the sweep is what recovers from a
 * Redis that lost everything, repeatable jobs included.
 */
@Injectable()
export class CampaignsSweepTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('CampaignsSweep');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queues: QueuesService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.business.campaignSweepEnabled) return; // CAMPAIGNS_SWEEP=off
    void this.tick();
    this.timer = setInterval(() => void this.tick(), CAMPAIGN_SWEEP_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    const jobId = `campaigns-sweep-${Math.floor(Date.now() / CAMPAIGN_SWEEP_MS)}`;
    await this.queues.add('campaignsSweep', {}, { jobId }).catch((err: Error) => {
      this.log.warn(`could not enqueue the campaign sweep: ${err.message}`);
    });
  }
}
