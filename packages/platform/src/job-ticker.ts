import { Logger } from '@nestjs/common';
import type { JobKey, JobPayload } from '@switchboard/jobs';
import type { QueuesService } from './queues.service';

/** The catalogue's jobs that take an empty payload: the periodic sweeps and reviews. */
export type PeriodicJob = { [K in JobKey]: JobPayload<K> extends Record<string, never> ? K : never }[JobKey];

/**
 * Adds a job at start and every `everyMs` from each process that runs it, with the interval's number in the job id,
 * so all processes together add one per interval. A timer in the process rather than a BullMQ repeatable job: these
 * jobs (sweeps, reviews) exist for when Redis lost its state — repeatable jobs included.
 */
export class JobTicker {
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queues: QueuesService,
    private readonly job: PeriodicJob,
    private readonly everyMs: number,
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
    await this.queues.add(this.job, {}, { jobId }).catch((err: Error) => {
      this.log.warn(`could not enqueue ${this.job}: ${err.message}`);
    });
  }
}
