import { type BusinessStack, startBusinessStack } from '@switchboard/testkit/business/stack';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the worker process reviews tiers at boot (the limitsReviewTiers periodic job → handler)', () => {
  let stack: BusinessStack;
  let businessId: string;

  beforeAll(async () => {
    // The qualifying business exists before the workers start: only the boot review can raise it in this test.
    const api = await startBusinessStack();
    const biz = await api.business();
    businessId = biz.id;
    await api.prisma.$executeRaw`INSERT INTO "BusinessInitiatedContact" ("businessId", "waId", "lastAt")
      SELECT ${businessId}, '4477' || (10000000 + i), now() AT TIME ZONE 'UTC' FROM generate_series(1, 130) AS i`;
    await api.close();
    stack = await startBusinessStack({
      worker: true,
      env: { LIMITS_TIER_REVIEW_INTERVAL_SECONDS: '86400', BUSINESS_DEVICE: 'off' },
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('raises a qualifying business soon after boot, and stores the webhook event', async () => {
    const tier = async () =>
      (await stack.prisma.business.findUniqueOrThrow({ where: { id: businessId } })).messagingLimitTier;
    await waitFor(async () => (await tier()) === 'TIER_2K', 'tier raised by the boot review', 20_000);
    const events = await stack.prisma.webhookEvent.findMany({
      where: { businessId, field: 'business_capability_update' },
    });
    expect(events.map((e) => JSON.parse(e.value))).toEqual([{ max_daily_conversations_per_business: 2000 }]);
  });
});
