import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, JobTicker, QueuesService } from '@switchboard/platform';

/** Adds the webhook sweep every WEBHOOK_SWEEP_INTERVAL_SECONDS from each worker process (one per interval in all). */
@Injectable()
export class SweepTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly ticker: JobTicker;

  constructor(@Inject(CONFIG) config: Config, queues: QueuesService) {
    this.ticker = new JobTicker(queues, 'webhooksSweep', config.webhooks.sweepIntervalSeconds * 1000);
  }

  onApplicationBootstrap(): void {
    this.ticker.start();
  }

  onApplicationShutdown(): void {
    this.ticker.stop();
  }
}
