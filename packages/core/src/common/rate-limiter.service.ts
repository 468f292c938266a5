import { Injectable } from '@nestjs/common';
import { RedisService } from '@switchboard/platform';
import { CoreErrors } from './core-errors';

// Fixed-window counter: one INCR per hit, the window starts at the first hit. Atomic in Lua so the expiry can never
// be lost between INCR and EXPIRE (a counter without expiry would lock a number out for good).
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('TTL', KEYS[1])}`;

// DECR on an expired key would create one without expiry: only refund a window that still exists.
const REFUND = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0`;

export interface Limit {
  /** Names the limit in the 429's details and in the Redis key, e.g. "otp_sends_per_number". */
  name: string;
  max: number;
  windowSeconds: number;
}

/** Redis counters shared by every API process, so a limit holds across the cluster. */
@Injectable()
export class RateLimiter {
  constructor(private readonly redis: RedisService) {}

  /** Counts a hit against `limit` for `subject`; throws 429 when the window already held `max` hits. */
  async hit(limit: Limit, subject: string): Promise<void> {
    const { within, ttl } = await this.count(limit, subject);
    if (!within) throw CoreErrors.rateLimited(limit.name, Math.max(ttl, 1));
  }

  /** Counts a hit like `hit`, for callers that answer differently past the limit: whether it was within. */
  async allows(limit: Limit, subject: string): Promise<boolean> {
    return (await this.count(limit, subject)).within;
  }

  private async count(limit: Limit, subject: string): Promise<{ within: boolean; ttl: number }> {
    const [count, ttl] = (await this.redis.client.eval(HIT, 1, key(limit, subject), limit.windowSeconds)) as [
      number,
      number,
    ];
    return { within: count <= limit.max, ttl };
  }

  /** Gives a hit back, for limits that should only count failures (a correct code costs nothing). */
  async refund(limit: Limit, subject: string): Promise<void> {
    await this.redis.client.eval(REFUND, 1, key(limit, subject));
  }
}

const key = (limit: Limit, subject: string) => `rl:${limit.name}:${subject}`;
