import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, RedisService } from '@switchboard/platform';
import { CoreErrors } from '../common/core-errors';

const WINDOW_SECONDS = 24 * 3600;

// The numbers an account looked up in its current window, as a set: numbers already in it cost nothing (an app
// re-syncing its address book), new ones count, and a request that would pass the quota adds none of its numbers.
// Atomic in Lua so two requests at once cannot both squeeze under it; the window starts at the first lookup.
const TAKE = `
local fresh = 0
for i = 3, #ARGV do
  if redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 0 then fresh = fresh + 1 end
end
local used = redis.call('SCARD', KEYS[1])
if used + fresh > tonumber(ARGV[1]) then return {0, redis.call('TTL', KEYS[1])} end
if fresh > 0 then
  redis.call('SADD', KEYS[1], unpack(ARGV, 3))
  if used == 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
end
return {1, 0}`;

/** DIRECTORY_LOOKUPS_PER_DAY: distinct numbers per account per 24 h, shared by every API node (Redis). */
@Injectable()
export class LookupQuota {
  constructor(
    private readonly redis: RedisService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Counts `numbers` against the account's window; throws 429 when the new ones would not fit. */
  async take(accountId: string, numbers: string[]): Promise<void> {
    const max = this.config.core.directory.lookupsPerDay;
    const [ok, ttl] = (await this.redis.client.eval(
      TAKE,
      1,
      `directory:lookups:${accountId}`,
      max,
      WINDOW_SECONDS,
      ...numbers,
    )) as [number, number];
    if (!ok) throw CoreErrors.rateLimited('directory_lookups_per_day', Math.max(ttl, 1));
  }
}
