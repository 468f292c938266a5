import type { Logger } from '@nestjs/common';
import type { Redis } from '@switchboard/redis';

/**
 * Runs `task` every `intervalMs` on one node of the cluster at a time (whichever takes the Redis lock for that
 * interval), never overlapping itself in this process, and lets a running pass finish at shutdown. For housekeeping
 * (purges, expiries) that any node may do but only one should.
 */
export class ClusterInterval {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly redis: Redis,
    private readonly lockKey: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => {
        this.running = undefined;
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    try {
      if (await this.redis.set(this.lockKey, '1', 'PX', this.intervalMs, 'NX')) await this.task();
    } catch (err) {
      this.log.warn(`${this.lockKey}: pass failed, the next interval retries: ${(err as Error).message}`);
    }
  }
}
