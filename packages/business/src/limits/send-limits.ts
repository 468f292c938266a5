import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import type { MessagingLimitTier } from '@switchboard/db';
import { CONFIG } from '@switchboard/platform';
import { MessagingLimit } from './messaging-limit/messaging-limit';
import { LimitsRedis, limitKeys } from './scripts/limits-redis';
import { LimitSettings } from './tiers/limit-settings';

/**
 * The sending limits, shared by every API node and worker process through Redis (docs/campaigns.md, "Limits"). The
 * campaign dispatcher waits on them; the send endpoint refuses with them (through SendCheck, one round trip).
 */
@Injectable()
export class SendLimits {
  constructor(
    private readonly redis: LimitsRedis,
    private readonly messagingLimit: MessagingLimit,
    private readonly settings: LimitSettings,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** ms until `n` consecutive throughput slots of this number, booked now, start (0 = now). Always books (never refuses). */
  reserveThroughput(phoneNumberId: string, ratePerSecond: number, n: number): Promise<number> {
    return this.redis.scripts.limitsReserve(limitKeys.throughput(phoneNumberId), 1000 / ratePerSecond, n);
  }

  /**
   * As reserveThroughput, also answering when the first slot starts (epoch ms, Redis's clock): what the campaign
   * dispatcher records as its batch's dispatch time.
   */
  async bookThroughput(phoneNumberId: string, ratePerSecond: number, n: number) {
    const [waitMs, startMs] = await this.redis.scripts.limitsBook(
      limitKeys.throughput(phoneNumberId),
      1000 / ratePerSecond,
      n,
    );
    return { waitMs, startMs };
  }

  /** One slot now, or false (the send endpoint answers 130429). */
  async tryThroughput(phoneNumberId: string, ratePerSecond: number): Promise<boolean> {
    return (await this.redis.scripts.limitsTry(limitKeys.throughput(phoneNumberId), 1000 / ratePerSecond)) === 0;
  }

  /** Pair rate for each wa_id, one Redis call: 0 = allowed now (and counted), else ms until it would be (nothing counted). */
  async pairMany(phoneNumberId: string, waIds: string[]): Promise<number[]> {
    if (!waIds.length) return [];
    const { pairIntervalMs, pairBurst } = this.config.limits;
    const keys = waIds.map((w) => limitKeys.pair(phoneNumberId, w));
    return this.redis.scripts.limitsPairMany(keys.length, ...keys, pairIntervalMs, (pairBurst - 1) * pairIntervalMs);
  }

  /**
   * Messaging limit for consumers contacted outside an open window, one Redis call (after a rebuild from Postgres if
   * the set is missing): 0 = allowed (counted in Redis), else ms until budget frees up (not counted). A consumer
   * already in the 24 h set is always 0.
   */
  unsolicitedMany(businessId: string, tier: MessagingLimitTier, waIds: string[]): Promise<number[]> {
    return this.messagingLimit.check(businessId, tier, waIds);
  }

  /** The business's tier (cached ≤ 5 s). */
  tierOf(businessId: string): Promise<MessagingLimitTier> {
    return this.settings.tierOf(businessId);
  }

  /** The number's rate: BusinessNumber.messagesPerSecond ?? MESSAGES_PER_SECOND_DEFAULT (cached ≤ 5 s). */
  rateOf(phoneNumberId: string): Promise<number> {
    return this.settings.rateOf(phoneNumberId);
  }
}
