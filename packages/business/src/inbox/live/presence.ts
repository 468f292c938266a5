import { Injectable } from '@nestjs/common';
import { RedisService } from '@switchboard/platform';
import { InboxEvents } from './inbox-events';

export type PresenceStatus = 'online' | 'away' | 'offline';

/** A connection not refreshed for this long (its node died) no longer makes its agent online. */
export const PRESENCE_TTL_MS = 45_000;

const connections = (businessId: string) => `inbox:presence:${businessId}`;

/**
 * Adds (ARGV[1] = 'add') or removes a connection, then counts the user's live ones, atomically: only the first
 * connection to arrive and the last to leave see 1 and 0, so each change of presence is announced once.
 * KEYS[1] the set; ARGV[2] the member, ARGV[3] its lapse time, ARGV[4] now, ARGV[5] the user's prefix.
 */
const CONNECTION_SCRIPT = `
local changed
if ARGV[1] == 'add' then changed = redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
else changed = redis.call('ZREM', KEYS[1], ARGV[2]) end
local n = 0
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[4], '+inf')) do
  if string.sub(m, 1, #ARGV[5]) == ARGV[5] then n = n + 1 end
end
return {changed, n}`;
const away = (businessId: string) => `inbox:away:${businessId}`;

/**
 * Agents' presence, from their live connections, shared by every node in Redis: one sorted-set member per connection
 * (`userId/connectionId`, scored by when it lapses), so an agent with two tabs stays online until the last one closes
 * and a dead node's connections lapse by themselves. `away` is the agent's own choice while connected.
 */
@Injectable()
export class Presence {
  constructor(
    private readonly redis: RedisService,
    private readonly events: InboxEvents,
  ) {}

  /** True when this is the agent's first connection: they came online (or away) just now. */
  async connected(businessId: string, userId: string, connectionId: string): Promise<boolean> {
    const [added, live] = await this.connection('add', businessId, userId, connectionId);
    if (added !== 1 || live !== 1) return false;
    this.events.signal(businessId, 'presence', { user_id: userId, status: await this.statusOf(businessId, userId) });
    return true;
  }

  refresh(businessId: string, userId: string, connectionId: string): Promise<unknown> {
    return this.redis.client.zadd(connections(businessId), Date.now() + PRESENCE_TTL_MS, `${userId}/${connectionId}`);
  }

  async disconnected(businessId: string, userId: string, connectionId: string): Promise<void> {
    const [removed, live] = await this.connection('remove', businessId, userId, connectionId);
    if (removed === 1 && live === 0) this.events.signal(businessId, 'presence', { user_id: userId, status: 'offline' });
  }

  private async connection(op: 'add' | 'remove', businessId: string, userId: string, connectionId: string) {
    const now = Date.now();
    return (await this.redis.client.eval(
      CONNECTION_SCRIPT,
      1,
      connections(businessId),
      op,
      `${userId}/${connectionId}`,
      now + PRESENCE_TTL_MS,
      now,
      `${userId}/`,
    )) as [number, number];
  }

  async setAway(businessId: string, userId: string, isAway: boolean): Promise<PresenceStatus> {
    const before = await this.statusOf(businessId, userId);
    if (isAway) await this.redis.client.hset(away(businessId), userId, '1');
    else await this.redis.client.hdel(away(businessId), userId);
    return this.announce(businessId, userId, before);
  }

  /** Everyone of the business who is online or away now. */
  async all(businessId: string): Promise<{ user_id: string; status: PresenceStatus }[]> {
    const now = Date.now();
    await this.redis.client.zremrangebyscore(connections(businessId), 0, now);
    const members = await this.redis.client.zrangebyscore(connections(businessId), now, '+inf');
    const users = [...new Set(members.map((m) => m.slice(0, m.lastIndexOf('/'))))];
    const flags = users.length ? await this.redis.client.hmget(away(businessId), ...users) : [];
    return users.map((user_id, i) => ({ user_id, status: flags[i] ? 'away' : 'online' }));
  }

  /** The agents online now (connected and not away): whom the router assigns to. */
  async online(businessId: string): Promise<string[]> {
    return (await this.all(businessId)).filter((p) => p.status === 'online').map((p) => p.user_id);
  }

  async statusOf(businessId: string, userId: string): Promise<PresenceStatus> {
    return (await this.all(businessId)).find((p) => p.user_id === userId)?.status ?? 'offline';
  }

  private async announce(businessId: string, userId: string, before: PresenceStatus): Promise<PresenceStatus> {
    const now = await this.statusOf(businessId, userId);
    if (now !== before) this.events.signal(businessId, 'presence', { user_id: userId, status: now });
    return now;
  }
}
