import { describe, expect, it } from 'vitest';
import { estimateCampaign } from './estimate';

describe('estimateCampaign', () => {
  it('within the remaining budget: throughput alone', () => {
    const e = estimateCampaign({ sendable: 1_000, messagesPerSecond: 80, tier: 'TIER_2K', used24h: 500 });
    expect(e).toMatchObject({ sending_seconds: 13, seconds: 13, over_limit: 0 });
    expect(e.messaging_limit).toEqual({ tier: 'TIER_2K', limit: 2_000, used_24h: 500, remaining: 1_500 });
  });

  it('beyond it: a day more for each further limit of recipients', () => {
    const e = estimateCampaign({ sendable: 700, messagesPerSecond: 10, tier: 'TIER_250', used24h: 200 });
    // 50 today, then 650 more at 250 a day: 3 days of waiting.
    expect(e.over_limit).toBe(650);
    expect(e.seconds).toBe(70 + 3 * 86_400);
  });

  it('a used-up budget and an unlimited tier', () => {
    expect(estimateCampaign({ sendable: 10, messagesPerSecond: 1, tier: 'TIER_250', used24h: 400 }).over_limit).toBe(
      10,
    );
    const unlimited = estimateCampaign({ sendable: 1e6, messagesPerSecond: 1000, tier: 'TIER_UNLIMITED', used24h: 5 });
    expect(unlimited).toMatchObject({ seconds: 1000, over_limit: 0 });
    expect(unlimited.messaging_limit).toMatchObject({ limit: null, remaining: null });
  });
});
