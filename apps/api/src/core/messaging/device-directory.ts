import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DeviceEvents } from '../devices/device-events';
import { DevicesService } from '../devices/devices.service';

type Active = { deviceId: number; registrationId: number }[];
const TTL_MS = 2_000;

/**
 * activeDevices with a short per-process cache, for fan-outs where a device set a moment old does no harm (delivery
 * and read receipts: a device linked in the last two seconds misses a tick, not a message). The send check does not
 * use it: it must be exact, so it asks DevicesService every time.
 */
@Injectable()
export class DeviceDirectory implements OnModuleInit {
  private readonly cache = new Map<string, { at: number; devices: Promise<Active> }>();

  constructor(
    private readonly devices: DevicesService,
    private readonly events: DeviceEvents,
  ) {}

  onModuleInit(): void {
    this.events.onRemoved(({ accountId }) => void this.cache.delete(accountId));
  }

  /** Exact: straight from DevicesService. */
  exact(accountId: string): Promise<Active> {
    return this.devices.activeDevices(accountId);
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
