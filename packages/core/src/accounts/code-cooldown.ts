import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, RedisService } from '@switchboard/platform';
import { CoreErrors } from '../common/core-errors';

// Per number: when the next code may be sent, and how many were sent lately. The first resend is free (an SMS that
// did not arrive); after it each code doubles the wait for the next, from OTP_RESEND_COOLDOWN_SECONDS up to
// OTP_RESEND_COOLDOWN_MAX_SECONDS; an hour without requests starts again. Atomic in Lua so parallel requests cannot
// both pass. Returns 0 (send now) or the seconds left to wait.
const TAKE = `
local now = tonumber(ARGV[1])
local nextAt = tonumber(redis.call('HGET', KEYS[1], 'next') or '0')
if now < nextAt then return math.ceil(nextAt - now) end
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
local wait = 0
if n > 1 then wait = math.min(tonumber(ARGV[3]), tonumber(ARGV[2]) * 2 ^ math.min(n - 2, 30)) end
redis.call('HSET', KEYS[1], 'next', now + wait)
redis.call('EXPIRE', KEYS[1], math.ceil(wait) + 3600)
return 0`;

/**
 * How often a number may be sent a code. A wait between codes, not an hourly cap: a flood of requests for someone
 * else's number delays their next code by minutes at most instead of blocking their registration for an hour, while
 * the doubling still bounds how many codes (and so guesses, OTP_MAX_ATTEMPTS each) anyone gets for one number a day.
 */
@Injectable()
export class CodeCooldown {
  constructor(
    private readonly redis: RedisService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Takes the number's turn; throws 429 (`otp_resend_cooldown`) while its last code is too recent. */
  async take(number: string): Promise<void> {
    const { resendCooldownSeconds, resendCooldownMaxSeconds } = this.config.core.otp;
    const left = (await this.redis.client.eval(
      TAKE,
      1,
      `otp-cooldown:${number}`,
      Date.now() / 1000,
      resendCooldownSeconds,
      resendCooldownMaxSeconds,
    )) as number;
    if (left > 0) throw CoreErrors.rateLimited('otp_resend_cooldown', left);
  }
}
