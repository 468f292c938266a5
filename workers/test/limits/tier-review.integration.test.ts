import { randomBytes, randomInt } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { parseConfig } from '@switchboard/config';
import type { MessagingLimitTier, QualityRating } from '@switchboard/db';
import { InfraModule, PrismaService } from '@switchboard/platform';
import { deleteByPrefix } from '@switchboard/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LimitsHandlers } from '../../src/limits/limits.handlers';
import { TierReviewModule } from '../../src/limits/tier-review/tier-review.module';
import { TierReviewService } from '../../src/limits/tier-review/tier-review.service';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('limits.review-tiers: a business moves up one tier when it earned it', () => {
  const config = parseConfig({
    ...process.env,
    REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'sb:test:'}tier${randomBytes(3).toString('hex')}:`,
  });
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;
  let db: PrismaService['client'];
  let runJob: () => Promise<unknown>;

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(
      { module: class TierReviewTestRoot {}, imports: [InfraModule.forRoot(config, 'worker'), TierReviewModule] },
      { logger: false },
    );
    db = app.get(PrismaService).client;
    // Through the worker's handler, as the job runs it.
    const binding = new LimitsHandlers(app.get(TierReviewService)).bindings()[0]!;
    runJob = () => binding.run({}, {} as Parameters<typeof binding.run>[1]);
  });
  afterAll(async () => {
    await app?.close();
    await deleteByPrefix(config.redis.url, config.redis.prefix).catch(() => undefined);
  });

  /** A business with `contacts` consumers contacted outside a window `agoMs` ago, `optedOut` of them since. */
  async function business(o: {
    tier?: MessagingLimitTier;
    contacts: number;
    agoMs?: number;
    optedOut?: number;
    quality?: QualityRating;
    tierChangedAt?: Date;
  }) {
    const id = `7${randomInt(10 ** 13, 10 ** 14 - 1)}`;
    await db.business.create({
      data: {
        id,
        name: `tiers ${id}`,
        templateNamespace: randomBytes(16).toString('hex'),
        messagingLimitTier: o.tier ?? 'TIER_250',
        tierChangedAt: o.tierChangedAt ?? null,
        numbers: {
          create: [
            { id: `${id}1`, phoneNumber: `+1650${randomInt(2_000_000, 9_999_999)}`, verifiedName: 'A' },
            {
              id: `${id}2`,
              phoneNumber: `+1650${randomInt(2_000_000, 9_999_999)}`,
              verifiedName: 'B',
              qualityRating: o.quality ?? 'GREEN',
            },
          ],
        },
      },
    });
    const at = new Date(Date.now() - (o.agoMs ?? DAY));
    const waIds = Array.from({ length: o.contacts }, (_, i) => `44770${String(i).padStart(7, '0')}`);
    await db.businessInitiatedContact.createMany({
      data: waIds.map((waId) => ({ businessId: id, waId, firstAt: at, lastAt: at })),
    });
    const opted = waIds.slice(0, o.optedOut ?? 0);
    await db.contact.createMany({
      data: opted.map((waId) => ({ businessId: id, waId, optStatus: 'OPTED_OUT' as const, optedOutAt: new Date() })),
    });
    return id;
  }

  const tierOf = async (id: string) => (await db.business.findUniqueOrThrow({ where: { id } })).messagingLimitTier;
  const capabilityEvents = async (id: string) =>
    (await db.webhookEvent.findMany({ where: { businessId: id, field: 'business_capability_update' } })).map(
      (e) => JSON.parse(e.value) as Record<string, unknown>,
    );

  it('raises a business that used half its limit in 7 days with good quality, and emits the webhook once', async () => {
    const id = await business({ contacts: 125, optedOut: 6 }); // 4.8 % opted out
    await runJob();
    expect(await tierOf(id)).toBe('TIER_2K');
    const row = await db.business.findUniqueOrThrow({ where: { id } });
    expect(Date.now() - row.tierChangedAt!.getTime()).toBeLessThan(60_000);
    expect(await capabilityEvents(id)).toEqual([{ max_daily_conversations_per_business: 2000 }]);

    // Still qualifies for the next tier by count? It does not (1000 needed), but even a business that would is not
    // raised twice within 6 h: the next run leaves it alone.
    await runJob();
    expect(await tierOf(id)).toBe('TIER_2K');
    expect(await capabilityEvents(id)).toHaveLength(1);
  });

  it('leaves alone: under half the limit, a RED number, 5 % or more opted out, contacts older than 7 days', async () => {
    const few = await business({ contacts: 124 });
    const red = await business({ contacts: 125, quality: 'RED' });
    const optedOut = await business({ contacts: 125, optedOut: 7 }); // 5.6 %
    const old = await business({ contacts: 60, agoMs: 8 * DAY });
    await db.businessInitiatedContact.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({ businessId: old, waId: `4479${i}`, lastAt: new Date() })),
    }); // 100 recent + 60 eight days ago: 100 < 125
    await runJob();
    for (const id of [few, red, optedOut, old]) {
      expect(await tierOf(id)).toBe('TIER_250');
      expect(await capabilityEvents(id)).toEqual([]);
    }
  });

  it('one tier at a time, at most once per 6 h, up to unlimited (-1)', async () => {
    const recent = await business({ tier: 'TIER_2K', contacts: 1000, tierChangedAt: new Date(Date.now() - 5 * HOUR) });
    const due = await business({ tier: 'TIER_2K', contacts: 1000, tierChangedAt: new Date(Date.now() - 7 * HOUR) });
    const top = await business({ tier: 'TIER_100K', contacts: 0 });
    await db.$executeRaw`INSERT INTO "BusinessInitiatedContact" ("businessId", "waId", "lastAt")
      SELECT ${top}, '1' || i, now() AT TIME ZONE 'UTC' FROM generate_series(1, 50000) AS i`;
    await runJob();
    expect(await tierOf(recent)).toBe('TIER_2K');
    expect(await tierOf(due)).toBe('TIER_10K'); // not TIER_100K, though 1000 contacts qualify nothing above anyway
    expect(await capabilityEvents(due)).toEqual([{ max_daily_conversations_per_business: 10_000 }]);
    expect(await tierOf(top)).toBe('TIER_UNLIMITED');
    expect(await capabilityEvents(top)).toEqual([{ max_daily_conversations_per_business: -1 }]);
  });

  it('two reviews at once raise a business once', async () => {
    const id = await business({ contacts: 200 });
    await Promise.all([runJob(), app.get(TierReviewService).review()]);
    expect(await tierOf(id)).toBe('TIER_2K');
    expect(await capabilityEvents(id)).toHaveLength(1);
  });
});
