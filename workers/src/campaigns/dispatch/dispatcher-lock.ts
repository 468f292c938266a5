import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RedisService } from '@switchboard/platform';

const TTL_MS = 5_000;

// Keeps the key if it is ours, takes it if nobody holds it (after a Redis flush the running dispatcher takes it
// back), refuses if another dispatcher holds it.
const HOLD = `
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] or not v then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

/**
 * One live dispatcher per campaign, as a Redis key renewed every batch. It is an economy, not the guarantee: two
 * dispatchers of one campaign would still never send a recipient twice (the ledger's conditional update and the
 * wamid's unique index are). The sweeper restarts a campaign whose key expired: its dispatcher died.
 */
@Injectable()
export class DispatcherLock {
  readonly token = randomUUID();

  constructor(private readonly redis: RedisService) {}

  key(campaignId: string): string {
    return `campaigns:alive:${campaignId}`;
  }

  async hold(campaignId: string): Promise<boolean> {
    return (await this.redis.client.eval(HOLD, 1, this.key(campaignId), this.token, TTL_MS)) === 1;
  }

  async release(campaignId: string): Promise<void> {
    const key = this.key(campaignId);
    if ((await this.redis.client.get(key)) === this.token) await this.redis.client.del(key);
  }

  async alive(campaignId: string): Promise<boolean> {
    return (await this.redis.client.exists(this.key(campaignId))) === 1;
  }
}
