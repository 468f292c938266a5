import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, QueuesService, RedisService } from '@switchboard/platform';
import type { DeviceRef } from '../devices/device-events';

const key = (d: DeviceRef) => `push:wake:${d.accountId}.${d.deviceId}`;

/**
 * Wakes devices that were stored a message while connected nowhere: a push job for the worker (push.wake), at most
 * one per device per PUSH_COALESCE_SECONDS (a Redis key per device, SET NX with that expiry), so a burst of messages
 * is one push. Fire and forget, off the send path: a lost wake-up (Redis down or flushed, a failed enqueue) costs the
 * device its nudge, never a message — the messages wait in Postgres for its next connect.
 */
@Injectable()
export class PushWakeups {
  private readonly log = new Logger('PushWakeups');
  private readonly queued = new Map<string, DeviceRef>();
  private flushing = false;

  constructor(
    private readonly redis: RedisService,
    private readonly queues: QueuesService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Devices with a message just stored that no node holds a connection for. Batched per tick. */
  offline(devices: readonly DeviceRef[]): void {
    for (const d of devices) this.queued.set(key(d), { accountId: d.accountId, deviceId: d.deviceId });
    if (this.queued.size && !this.flushing) {
      this.flushing = true;
      setImmediate(() => void this.flush());
    }
  }

  private async flush(): Promise<void> {
    const devices = [...this.queued.values()];
    this.queued.clear();
    this.flushing = false;
    try {
      const window = this.config.core.push.coalesceSeconds;
      const pipeline = this.redis.client.pipeline();
      for (const d of devices) pipeline.set(key(d), '1', 'EX', window, 'NX');
      const results = (await pipeline.exec()) ?? [];
      const due = devices.filter((_, i) => results[i]?.[1] === 'OK');
      await Promise.all(due.map((d) => this.queues.add('pushWake', d)));
    } catch (err) {
      this.log.warn(`wake-ups for ${devices.length} devices not queued: ${(err as Error).message}`);
    }
  }
}
