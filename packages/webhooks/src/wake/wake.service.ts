import { Injectable, Logger } from '@nestjs/common';
import { QueuesService, RedisService } from '@switchboard/platform';

/** A wake counter lives this long after its first increment, so a worker that died mid-cycle cannot mute producers. */
const WAKE_TTL_MS = 30_000;

interface WakeRedis {
  get(key: string): Promise<string | null>;
  webhooksWake(key: string, ttlMs: number): Promise<number>;
  webhooksRelease(key: string, seen: string): Promise<number>;
}

/**
 * Tells the workers that a subscription has work, with at most one queued job per burst. Producers INCR a counter
 * per subscription after their rows are committed; only the producer that takes it from 0 to 1 enqueues a job. The
 * job notes the counter, drains the subscription, and deletes the counter only if it is unchanged (`release`);
 * otherwise something arrived meanwhile and it drains again. So every committed event is either seen by a running
 * job or makes a new one. This is the fast path only: the sweeper re-finds due work in Postgres if Redis loses it.
 */
@Injectable()
export class WakeService {
  private readonly log = new Logger('WebhookWake');
  private readonly redis: WakeRedis;
  private readonly queued = new Set<string>();
  private flushing = false;

  constructor(
    redis: RedisService,
    private readonly queues: QueuesService,
  ) {
    this.redis = redis.client as unknown as WakeRedis;
    // The shared command connection may already carry the scripts (one WakeService per app, apps may share it).
    if (typeof this.redis.webhooksWake !== 'function') {
      redis.client.defineCommand('webhooksWake', {
        numberOfKeys: 1,
        lua: `local n = redis.call('INCR', KEYS[1])
              if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
              return n`,
      });
      redis.client.defineCommand('webhooksRelease', {
        numberOfKeys: 1,
        lua: `local v = redis.call('GET', KEYS[1])
              if v == false then return 1 end -- gone: whoever recreates it gets 1 and enqueues a job
              if v == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
              return 0`,
      });
    }
  }

  /** Fire and forget: a burst of emits in one tick costs one round trip per subscription. */
  wake(subscriptionIds: readonly string[]): void {
    for (const id of subscriptionIds) this.queued.add(id);
    if (this.queued.size && !this.flushing) {
      this.flushing = true;
      setImmediate(() => void this.flush());
    }
  }

  /** The counter as a job saw it when it started draining ('' when there is none). */
  async peek(subscriptionId: string): Promise<string> {
    return (await this.redis.get(wakeKey(subscriptionId))) ?? '';
  }

  /** True when the job may stop: nothing was woken since `seen`. */
  async release(subscriptionId: string, seen: string): Promise<boolean> {
    return (await this.redis.webhooksRelease(wakeKey(subscriptionId), seen)) === 1;
  }

  /** Enqueues a drain job for when a retry falls due. At most one per subscription per 50 ms. */
  async wakeAt(subscriptionId: string, dueMs: number): Promise<void> {
    const bucket = Math.ceil(dueMs / 50);
    await this.queues.add(
      'webhooksDeliver',
      { subscriptionId },
      {
        delay: Math.max(0, bucket * 50 - Date.now()),
        jobId: `retry-${subscriptionId}-${bucket}`,
        removeOnComplete: true,
      },
    );
  }

  private async flush(): Promise<void> {
    const ids = [...this.queued];
    this.queued.clear();
    this.flushing = false;
    await Promise.all(
      ids.map(async (subscriptionId) => {
        try {
          const n = await this.redis.webhooksWake(wakeKey(subscriptionId), WAKE_TTL_MS);
          if (n === 1) await this.queues.add('webhooksDeliver', { subscriptionId });
        } catch (err) {
          // Postgres already holds the event: the sweeper finds it within WEBHOOK_SWEEP_INTERVAL_SECONDS.
          this.log.warn(`wake for subscription ${subscriptionId} failed (${(err as Error).message}); the sweeper will`);
        }
      }),
    );
  }
}

const wakeKey = (subscriptionId: string) => `webhooks:wake:${subscriptionId}`;
