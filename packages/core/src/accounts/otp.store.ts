import { createHmac, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, RedisService } from '@switchboard/platform';

// One live code per number, in Redis (losing it only means asking for a new code). Stored as an HMAC keyed with
// SECRET_KEY, so a Redis dump does not reveal codes. Wrong guesses are counted on the code itself and burn it at
// OTP_MAX_ATTEMPTS; the number's resend cooldown (CodeCooldown) bounds how many codes, and so guesses, there are.
const CHECK = `
local h = redis.call('HGET', KEYS[1], 'h')
if not h then return 0 end
if h == ARGV[1] then return 1 end
if redis.call('HINCRBY', KEYS[1], 'a', 1) >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) end
return -1`;

const CONSUME = `
if redis.call('HGET', KEYS[1], 'h') == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0`;

export type CheckResult = 'match' | 'wrong' | 'none';

@Injectable()
export class OtpStore {
  constructor(
    private readonly redis: RedisService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** A fresh 6-digit code for `number`, replacing any earlier one. */
  async issue(number: string, ttlSeconds: number): Promise<string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.redis.client
      .multi()
      .del(key(number))
      .hset(key(number), { h: this.hash(number, code), a: 0 })
      .expire(key(number), ttlSeconds)
      .exec();
    return code;
  }

  /** Compares without consuming (the PIN may still be missing); a wrong guess counts against the code. */
  async check(number: string, code: string, maxAttempts: number): Promise<CheckResult> {
    const r = (await this.redis.client.eval(CHECK, 1, key(number), this.hash(number, code), maxAttempts)) as number;
    return r === 1 ? 'match' : r === 0 ? 'none' : 'wrong';
  }

  /** Single use: deletes the code if it still matches. False when a concurrent request consumed it first. */
  async consume(number: string, code: string): Promise<boolean> {
    return (await this.redis.client.eval(CONSUME, 1, key(number), this.hash(number, code))) === 1;
  }

  private hash(number: string, code: string): string {
    return createHmac('sha256', this.config.secretKey).update(`otp:${number}:${code}`).digest('hex');
  }
}

const key = (number: string) => `otp:${number}`;
