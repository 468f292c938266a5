import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import type { MessagingLimitTier } from '@switchboard/db';
import { CONFIG } from '@switchboard/platform';
import { MessagingLimit } from './messaging-limit/messaging-limit';
import { LimitsRedis, limitKeys } from './scripts/limits-redis';
import { MESSAGING_LIMIT_WINDOW_MS, tierLimit } from './tiers/tiers';

export type SendVerdict =
  | { ok: true }
  | { ok: false; limit: 'throughput' | 'pair' | 'messaging_limit'; waitMs: number };

const REFUSED = { 1: 'throughput', 2: 'pair', 3: 'messaging_limit' } as const;

/**
 * API clients send in bursts (a loop of requests, a few at once), not on a metronome: the send endpoint lets a burst
 * of 200 ms of the number's rate through at once (16 messages at 80/s), then the steady rate. Without it two
 * requests 5 ms apart at 80/s would get 130429 while the client is far below its rate. Any second then holds at most
 * 1.2 × the rate from the API; the campaign dispatcher books with no burst, so its own pacing stays smooth.
 */
const API_BURST_MS = 200;

/**
 * The send endpoint's limits in one Redis round trip (SEND_CHECK_LUA): the number's throughput, the pair rate and,
 * for a template to a consumer whose window is closed, the messaging limit. All or nothing: a refused send books no
 * budget. The send endpoint must not wait, so it refuses; the campaign dispatcher uses SendLimits and waits instead.
 */
@Injectable()
export class SendCheck {
  constructor(
    private readonly redis: LimitsRedis,
    private readonly messagingLimit: MessagingLimit,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async check(
    phoneNumberId: string,
    ratePerSecond: number,
    waId: string,
    unsolicited?: { businessId: string; tier: MessagingLimitTier },
  ): Promise<SendVerdict> {
    const { pairIntervalMs, pairBurst } = this.config.limits;
    const counted = unsolicited && unsolicited.tier !== 'TIER_UNLIMITED' ? unsolicited : undefined;
    const keys = [limitKeys.throughput(phoneNumberId), limitKeys.pair(phoneNumberId, waId)];
    const interval = 1000 / ratePerSecond;
    const args: (string | number)[] = [
      interval,
      Math.max(0, API_BURST_MS - interval),
      pairIntervalMs,
      (pairBurst - 1) * pairIntervalMs,
    ];
    if (counted) {
      keys.push(limitKeys.unsolicited(counted.businessId), limitKeys.loaded(counted.businessId));
      args.push(tierLimit(counted.tier), MESSAGING_LIMIT_WINDOW_MS, waId);
    }
    for (let attempt = 0; ; attempt++) {
      const [code, waitMs] = await this.redis.scripts.limitsSendCheck(keys.length, ...keys, ...args);
      if (code === 0) return { ok: true };
      if (code !== -1) return { ok: false, limit: REFUSED[code as 1 | 2 | 3], waitMs };
      if (attempt === 2) throw new Error(`messaging limit of business ${counted!.businessId}: the set would not load`);
      await this.messagingLimit.ensureLoaded(counted!.businessId);
    }
  }
}
