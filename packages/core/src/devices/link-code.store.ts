import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RedisService } from '@switchboard/platform';

// A pending link lives in Redis under the SHA-256 of its code (what a QR code shows) and holds the SHA-256 of the
// secret only the new device knows: seeing the QR code lets you approve, not complete. Losing Redis only loses pending
// links, which the new device simply asks for again.
const APPROVE = `
local st = redis.call('HGET', KEYS[1], 'st')
if not st then return 0 end
if st ~= 'pending' then return -1 end
redis.call('HSET', KEYS[1], 'st', 'approved', 'acc', ARGV[1], 'reg', ARGV[2])
return 1`;

const COMPLETE = `
local v = redis.call('HMGET', KEYS[1], 's', 'st', 'acc', 'reg')
if not v[1] or v[1] ~= ARGV[1] then return {0} end
if v[2] ~= 'approved' then return {-1} end
redis.call('DEL', KEYS[1])
return {1, v[3], v[4]}`;

export type ApproveResult = 'approved' | 'unknown' | 'already-approved';
/** `registration`: when the approving primary registered (see DevicesService.checkCompanionSlot). */
export type CompleteResult =
  | { status: 'linked'; accountId: string; registration: number }
  | { status: 'unknown' | 'pending' };

@Injectable()
export class LinkCodeStore {
  constructor(private readonly redis: RedisService) {}

  async create(ttlSeconds: number): Promise<{ code: string; secret: string }> {
    const code = randomBytes(16).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    await this.redis.client
      .multi()
      .hset(key(code), { s: sha256(secret), st: 'pending' })
      .expire(key(code), ttlSeconds)
      .exec();
    return { code, secret };
  }

  async approve(code: string, accountId: string, registration: number): Promise<ApproveResult> {
    const r = (await this.redis.client.eval(APPROVE, 1, key(code), accountId, registration)) as number;
    return r === 1 ? 'approved' : r === 0 ? 'unknown' : 'already-approved';
  }

  /** Consumes an approved link (single use). A wrong secret looks like an unknown code. */
  async complete(code: string, secret: string): Promise<CompleteResult> {
    const [r, accountId, registration] = (await this.redis.client.eval(COMPLETE, 1, key(code), sha256(secret))) as [
      number,
      string?,
      string?,
    ];
    if (r === 1) return { status: 'linked', accountId: accountId!, registration: Number(registration) };
    return { status: r === 0 ? 'unknown' : 'pending' };
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const key = (code: string) => `link:${sha256(code)}`;
