import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, QueuesService } from '@switchboard/platform';

/**
 * Enqueues the sweep job every WEBHOOK_SWEEP_INTERVAL_SECONDS from each worker process. A timer in the process
 * rather than a BullMQ repeatable job, because the sweep exists for when Redis lost its state — repeatable jobs
 * included. The job id is the interval's number, so all worker processes together add one sweep per interval.
 */
@Injectable()
export class SweepTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('WebhookSweepTicker');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly queues: QueuesService,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = this.config.webhooks.sweepIntervalSeconds * 1000;
    void this.tick(everyMs);
    this.timer = setInterval(() => void this.tick(everyMs), everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(everyMs: number): Promise<void> {
    const bucket = Math.floor(Date.now() / everyMs);
    try {
      await this.queues.add('webhooksSweep', {}, { jobId: `webhooks-sweep-${everyMs}-${bucket}` });
    } catch (err) {
      this.log.warn(`could not enqueue the webhook sweep: ${(err as Error).message}`);
    }
  }
}
