import { type MessagingLimitTier } from '@switchboard/db';
import { tierLimit } from '../../limits/tiers/tiers';

export interface EstimateInput {
  /** Recipients the campaign would send to (its PENDING rows). */
  sendable: number;
  messagesPerSecond: number;
  tier: MessagingLimitTier;
  /** Unique consumers contacted outside a service window in the last 24 h. */
  used24h: number;
}

const DAY_SECONDS = 86_400;

/**
 * How long a campaign takes at most, from the number's throughput and the business's messaging limit. An upper
 * bound: every recipient is counted against the limit, although those whose service window is open, or who were
 * already contacted in the last 24 h, do not use it. Beyond today's remaining budget the dispatcher waits for
 * contacts to leave the rolling window, so each further `limit` recipients take up to a day more.
 */
export function estimateCampaign(i: EstimateInput) {
  const unlimited = i.tier === 'TIER_UNLIMITED';
  const limit = unlimited ? null : tierLimit(i.tier);
  const remaining = limit === null ? null : Math.max(0, limit - i.used24h);
  const overLimit = remaining === null ? 0 : Math.max(0, i.sendable - remaining);
  const daysWaiting = limit && overLimit ? Math.ceil(overLimit / limit) : 0;
  const sendingSeconds = Math.ceil(i.sendable / Math.max(1, i.messagesPerSecond));
  return {
    messages_per_second: i.messagesPerSecond,
    sending_seconds: sendingSeconds,
    seconds: sendingSeconds + daysWaiting * DAY_SECONDS,
    messaging_limit: { tier: i.tier, limit, used_24h: i.used24h, remaining },
    over_limit: overLimit,
  };
}
