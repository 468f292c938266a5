import { Injectable } from '@nestjs/common';
import type { DeviceRef } from '@switchboard/core/messaging/mailbox/mailbox.types';

// Bounds the memory a wave of flooders can make this hold; past it the oldest entry goes.
const MAX_ENTRIES = 100_000;

const key = (d: Pick<DeviceRef, 'accountId' | 'deviceId'>) => `${d.accountId}/${d.deviceId}`;

/**
 * Devices this node closed for flooding (4008), kept out until their frame budgets would have refilled: a reconnect
 * meanwhile is answered 429 at the upgrade, before its credential is looked up. Without it a flooder that reconnects
 * at once costs the node an authentication (Redis and Postgres), a route claim, presence updates and a backlog read
 * per connection, and starts every connection with full buckets — a fresh burst of stored sends each time.
 * In memory, per node: entries last seconds, and a flooder that moves to another node meets that node's own limits.
 */
@Injectable()
export class FloodCooldown {
  private readonly until = new Map<string, number>();

  hold(device: DeviceRef, ms: number): void {
    const k = key(device);
    this.until.delete(k); // re-inserted last: the map's order is the eviction order
    if (this.until.size >= MAX_ENTRIES) this.until.delete(this.until.keys().next().value!);
    this.until.set(k, performance.now() + ms);
  }

  /** Milliseconds the device must still wait; 0 when it may connect. */
  remaining(device: Pick<DeviceRef, 'accountId' | 'deviceId'>): number {
    const k = key(device);
    const until = this.until.get(k);
    if (until === undefined) return 0;
    const left = until - performance.now();
    if (left > 0) return left;
    this.until.delete(k);
    return 0;
  }
}
