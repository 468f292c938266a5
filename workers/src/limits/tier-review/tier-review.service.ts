import { Injectable, Logger } from '@nestjs/common';
import { maxDailyConversations, nextTier, tierLimit } from '@switchboard/business/limits/tiers/tiers';
import type { MessagingLimitTier } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { WebhookEventsService } from '@switchboard/webhooks';
import { type TierCandidate, TierReviewRepository } from './tier-review.repository';

/** Quality bar: under this share of the consumers contacted in the 7 days opted out in them. */
const MAX_OPT_OUT_SHARE = 0.05;

/**
 * The `limits.review-tiers` job (docs/campaigns.md, "Tier review"): a business moves up one tier when over the last
 * 7 days it contacted at least half its limit in unique consumers outside a window, no number of it is RED, and
 * fewer than 5 % of those consumers opted out — at most once per 6 h. Each raise and its
 * `business_capability_update` webhook commit together; re-running, or two workers at once, raises nobody twice.
 */
@Injectable()
export class TierReviewService {
  private readonly log = new Logger('TierReview');

  constructor(
    private readonly prisma: PrismaService,
    private readonly tiers: TierReviewRepository,
    private readonly webhooks: WebhookEventsService,
  ) {}

  /** Returns the businesses raised, with their new tier. */
  async review(): Promise<{ businessId: string; tier: MessagingLimitTier }[]> {
    const candidates = await this.tiers.candidates();
    const raised: { businessId: string; tier: MessagingLimitTier }[] = [];
    for (const c of candidates.filter(qualifies)) {
      const tier = nextTier(c.tier)!;
      if (await this.raise(c.id, c.tier, tier)) raised.push({ businessId: c.id, tier });
    }
    if (raised.length) this.log.log(`raised ${raised.map((r) => `${r.businessId} → ${r.tier}`).join(', ')}`);
    return raised;
  }

  private raise(businessId: string, from: MessagingLimitTier, to: MessagingLimitTier): Promise<boolean> {
    return this.prisma.client.$transaction(async (tx) => {
      if (!(await this.tiers.raise(tx, businessId, from, to))) return false;
      await this.webhooks.emit(
        businessId,
        'business_capability_update',
        { max_daily_conversations_per_business: maxDailyConversations(to) },
        { tx },
      );
      return true;
    });
  }
}

function qualifies(c: TierCandidate): boolean {
  return c.contacted >= tierLimit(c.tier) / 2 && c.optedOut < c.contacted * MAX_OPT_OUT_SHARE;
}
