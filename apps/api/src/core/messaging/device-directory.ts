import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DeviceEvents } from '../devices/device-events';
import { DevicesService } from '../devices/devices.service';

type Active = { deviceId: number; registrationId: number }[];
const TTL_MS = 2_000;

/**
 * DevicesService.activeDevices for the message path, in two strengths:
 * - `exact` for the send check: a fresh lookup, shared only by callers that arrive while it is running (a burst of
 *   sends to one account costs one query, not one each; each answer is at most one query's time old);
 * - `recent` for receipt fan-outs, cached for two seconds: a device linked meanwhile misses a tick, not a message.
 */
@Injectable()
export class DeviceDirectory implements OnModuleInit {
  private readonly cache = new Map<string, { at: number; devices: Promise<Active> }>();
  private readonly running = new Map<string, Promise<Active>>();

  constructor(
    private readonly devices: DevicesService,
    private readonly events: DeviceEvents,
  ) {}

  onModuleInit(): void {
    this.events.onRemoved(({ accountId }) => void this.cache.delete(accountId));
  }

  exact(accountId: string): Promise<Active> {
    const running = this.running.get(accountId);
    if (running) return running;
    const lookup = this.devices.activeDevices(accountId).finally(() => this.running.delete(accountId));
    this.running.set(accountId, lookup);
    return lookup;
  }

  /** Possibly up to two seconds old. Concurrent callers share one lookup. */
  recent(accountId: string): Promise<Active> {
    const now = Date.now();
    const hit = this.cache.get(accountId);
    if (hit && now - hit.at < TTL_MS) return hit.devices;
    const devices = this.devices.activeDevices(accountId);
    this.cache.set(accountId, { at: now, devices });
    devices.catch(() => this.cache.delete(accountId));
    if (this.cache.size > 10_000) this.evict(now);
    return devices;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.cache) if (now - entry.at >= TTL_MS) this.cache.delete(key);
  }
}
