import type { Logger } from '@nestjs/common';
import type { Redis } from '@switchboard/redis';

/**
 * Runs `pass` every `intervalMs`, never overlapping itself in this process, and lets a running pass finish at stop.
 * With a `lock`, only the node that takes the Redis key for the interval runs it: housekeeping (purges, expiries)
 * that any node may do but only one should.
 */
export class LoopTimer {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly pass: () => unknown,
    private readonly log: Logger,
    private readonly lock?: { redis: Redis; key: string },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** One pass now, unless one is running (then that one's end). Errors are logged: the next interval retries. */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.tick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    try {
      if (this.lock && !(await this.lock.redis.set(this.lock.key, '1', 'PX', this.intervalMs, 'NX'))) return;
      await this.pass();
    } catch (err) {
      this.log.warn(`${this.name}: pass failed, the next interval retries: ${(err as Error).message}`);
    }
  }
}
