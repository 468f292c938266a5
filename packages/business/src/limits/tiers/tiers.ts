import type { MessagingLimitTier } from '@switchboard/db';

/** Meta's messaging-limit tiers, lowest first: unique consumers contacted outside a window per rolling 24 h. */
export const TIERS: readonly MessagingLimitTier[] = ['TIER_250', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED'];

const LIMITS: Record<MessagingLimitTier, number> = {
  TIER_250: 250,
  TIER_2K: 2_000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
  TIER_UNLIMITED: Number.POSITIVE_INFINITY,
};

/** Unique consumers per rolling 24 h (Infinity for TIER_UNLIMITED). */
export const tierLimit = (tier: MessagingLimitTier): number => LIMITS[tier];

/** The tier above, or undefined at the top. */
export const nextTier = (tier: MessagingLimitTier): MessagingLimitTier | undefined => TIERS[TIERS.indexOf(tier) + 1];

/** `max_daily_conversations_per_business` as Meta's business_capability_update webhook spells it (-1 = unlimited). */
export const maxDailyConversations = (tier: MessagingLimitTier): number =>
  tier === 'TIER_UNLIMITED' ? -1 : LIMITS[tier];

/** The rolling window the messaging limit counts over. */
export const MESSAGING_LIMIT_WINDOW_MS = 24 * 3600_000;
