import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, QueuesService } from '@switchboard/platform';

/**
 * Adds `limits.review-tiers` at boot and every LIMITS_TIER_REVIEW_INTERVAL_SECONDS from each worker process, with
 * the interval's number as job id so all processes together add one per interval (like the template review sweep: a
 * timer rather than a repeatable job, which a Redis flush would lose).
 */
@Injectable()
export class TierReviewTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('TierReview');
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queues: QueuesService,
    @Inject(CONFIG) config: Config,
  ) {
    this.intervalMs = config.limits.tierReviewIntervalSeconds * 1000;
  }

  onApplicationBootstrap(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    const jobId = `limits-review-tiers-${Math.floor(Date.now() / this.intervalMs)}`;
    await this.queues.add('limitsReviewTiers', {}, { jobId }).catch((err: Error) => {
      this.log.warn(`could not enqueue the tier review: ${err.message}`);
    });
  }
}
