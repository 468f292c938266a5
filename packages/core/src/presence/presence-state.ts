import { Injectable } from '@nestjs/common';
import { RedisService } from '@switchboard/platform';
import { luaScript } from '@switchboard/redis';
import type { DeviceRef } from '../messaging/mailbox/mailbox.types';

/** A connected-devices hash outlives a crashed node's entries by this much at most (refreshed on every connect). */
const DEVICES_TTL_SECONDS = 24 * 3600;
/** Last seen is kept as long as an undelivered message (ENVELOPE_TTL_SECONDS' default). */
const LAST_SEEN_TTL_SECONDS = 30 * 24 * 3600;

const devices = (accountId: string) => `presence:devices:${accountId}`;
const lastSeen = (accountId: string) => `presence:last:${accountId}`;

// KEYS: devices hash. ARGV: device id, connection id, ttl. Returns 1 when the account just came online.
const CONNECT = `
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
if redis.call('HLEN', KEYS[1]) == 1 then return 1 end
return 0`;

// KEYS: devices hash, last-seen key. ARGV: device id, connection id, now, ttl. Only the connection that is registered
// removes itself (a device that reconnected elsewhere first keeps its newer entry). Returns 1 when the account just
// went offline (last seen = now).
const DISCONNECT = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HLEN', KEYS[1]) > 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[4])
return 1`;

export interface PresenceState {
  accountId: string;
  online: boolean;
  /** ms; 0 while online or unknown. */
  lastSeen: number;
}

/** Who is online, and since when the others are not: Redis only (ephemeral, never in Postgres). */
@Injectable()
export class PresenceStateStore {
  // Cached scripts (EVALSHA): they run on every device connection and close.
  private readonly connectScript: (devices: string, ...argv: (string | number)[]) => Promise<number>;
  private readonly disconnectScript: (devices: string, last: string, ...argv: (string | number)[]) => Promise<number>;

  constructor(private readonly redis: RedisService) {
    this.connectScript = luaScript(redis.client, 'presenceConnect', CONNECT, 1);
    this.disconnectScript = luaScript(redis.client, 'presenceDisconnect', DISCONNECT, 2);
  }

  async connected(device: DeviceRef, connectionId: string): Promise<boolean> {
    const first = await this.connectScript(
      devices(device.accountId),
      device.deviceId,
      connectionId,
      DEVICES_TTL_SECONDS,
    );
    return first === 1;
  }

  /** The account's last-seen time when this was its last connected device, else undefined. */
  async disconnected(device: DeviceRef, connectionId: string): Promise<number | undefined> {
    const now = Date.now();
    const last = await this.disconnectScript(
      devices(device.accountId),
      lastSeen(device.accountId),
      device.deviceId,
      connectionId,
      now,
      LAST_SEEN_TTL_SECONDS,
    );
    return last === 1 ? now : undefined;
  }

  async states(accountIds: string[]): Promise<PresenceState[]> {
    if (!accountIds.length) return [];
    const m = this.redis.client.multi();
    for (const id of accountIds) m.hlen(devices(id)).get(lastSeen(id));
    const replies = (await m.exec()) ?? [];
    return accountIds.map((accountId, i) => {
      const online = Number(replies[2 * i]?.[1] ?? 0) > 0;
      return { accountId, online, lastSeen: online ? 0 : Number(replies[2 * i + 1]?.[1] ?? 0) };
    });
  }
}
