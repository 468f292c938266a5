import { Injectable } from '@nestjs/common';
import { RedisService } from '@switchboard/platform';
import type { DeviceRef } from '../devices/device-events';

/** One-time key counts of a device, EC and Kyber. */
export interface PreKeyCounts {
  preKeys: number;
  kyberPreKeys: number;
}

/**
 * A device that ran low on one-time keys and has not uploaded more since: long enough to outlast a device offline
 * for weeks (it hears at its next connect); a later fetch marks it again if it comes back after this.
 */
const MARK_SECONDS = 30 * 24 * 3600;
const key = (d: DeviceRef) => `prekeys-low:${d.accountId}.${d.deviceId}`;

/**
 * "This device runs low on one-time keys" in Redis, from the fetch that noticed until the device uploads one-time keys:
 * the owner hears it once live (mark() is true only the first time) and again on every connect while it stands.
 * Redis losing it costs a notice, not keys: the next fetch that finds the device low marks it again.
 */
@Injectable()
export class PreKeysLowStore {
  constructor(private readonly redis: RedisService) {}

  /** Records the counts; true when the device was not marked yet (the first notice). */
  async mark(device: DeviceRef, counts: PreKeyCounts): Promise<boolean> {
    const first = await this.redis.client.set(
      key(device),
      `${counts.preKeys},${counts.kyberPreKeys}`,
      'EX',
      MARK_SECONDS,
      'NX',
    );
    return first === 'OK';
  }

  /** The counts when marked, if the device is still marked. */
  async marked(device: DeviceRef): Promise<PreKeyCounts | undefined> {
    const value = await this.redis.client.get(key(device));
    if (!value) return undefined;
    const [preKeys = 0, kyberPreKeys = 0] = value.split(',').map(Number);
    return { preKeys, kyberPreKeys };
  }

  /** After an upload of one-time keys: the next fetch that finds the device low notices again. */
  async clear(device: DeviceRef): Promise<void> {
    await this.redis.client.del(key(device));
  }
}
