import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { QueuesService } from '@switchboard/platform';
import { SWEEP_EVERY_MS } from '../../../apps/api/src/business/templates/review/template-review.service';

/**
 * Adds the `templates.sweep` job once a minute from each worker process. A timer rather than a BullMQ repeatable
 * job, because the sweep exists for when Redis lost its state — repeatable jobs included. The job id is the
 * interval's number, so all worker processes together add one sweep per interval.
 */
@Injectable()
export class TemplateReviewSweepTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('TemplateReviewSweep');
  private timer?: NodeJS.Timeout;

  constructor(private readonly queues: QueuesService) {}

  onApplicationBootstrap(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    const jobId = `templates-sweep-${Math.floor(Date.now() / SWEEP_EVERY_MS)}`;
    await this.queues.add('sweepTemplateReviews', {}, { jobId }).catch((err: Error) => {
      this.log.warn(`could not enqueue the template review sweep: ${err.message}`);
    });
  }
}
