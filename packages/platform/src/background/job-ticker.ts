import { Logger } from '@nestjs/common';
import type { JobKey, JobQueues } from '@switchboard/jobs';

/**
 * Adds a job at start and every `everyMs`, with the interval's number in the job id, so all processes that tick the
 * same job together add one per interval (BullMQ refuses a second job with an existing id).
 */
export class JobTicker {
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queues: JobQueues,
    private readonly job: JobKey,
    private readonly everyMs: number,
    private readonly payload: Record<string, unknown>,
  ) {
    this.log = new Logger(`JobTicker:${job}`);
  }

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    const jobId = `tick-${this.job}-${this.everyMs}-${Math.floor(Date.now() / this.everyMs)}`;
    // The catalogue parses the payload: the declaration's payload is checked against the job's schema here.
    await this.queues.add(this.job, this.payload as never, { jobId }).catch((err: Error) => {
      this.log.warn(`could not enqueue ${this.job}: ${err.message}`);
    });
  }
}
