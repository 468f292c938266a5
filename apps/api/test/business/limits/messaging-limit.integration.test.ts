import { randomBytes, randomInt } from 'node:crypto';
import type { SendLimits } from '@switchboard/business/limits/send-limits';
import { PrismaService } from '@switchboard/platform';
import { createRedis } from '@switchboard/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitsNodes } from './support';

const HOUR = 3600_000;

describe('unsolicitedMany: the messaging limit set, rebuilt from Postgres once, shared by processes', () => {
  let nodes: Awaited<ReturnType<typeof limitsNodes>>;
  let limits: SendLimits[];
  let db: PrismaService['client'];
  const redis = () => createRedis(nodes.config, 'limits-test');
  // Distinct numbers (random ones collided now and then among a set of 2,600: a primary-key error, not a finding).
  let next = randomInt(10_000_000, 90_000_000);
  const wa = () => `4477${next++}`;

  beforeAll(async () => {
    nodes = await limitsNodes(3);
    limits = nodes.limits;
    db = nodes.prisma;
  });
  afterAll(async () => {
    await nodes?.close();
  });
  /** `recent` consumers contacted 2 h ago and `old` ones 25 h ago, in Postgres only. */
  async function seed(recent: number, old: number) {
    const businessId = `6${randomBytes(7).toString('hex')}`;
    const rows = (n: number, agoMs: number) =>
      Array.from({ length: n }, () => ({ businessId, waId: wa(), lastAt: new Date(Date.now() - agoMs) }));
    const recentRows = rows(recent, 2 * HOUR);
    await db.businessInitiatedContact.createMany({ data: [...recentRows, ...rows(old, 25 * HOUR)] });
    return { businessId, recent: recentRows.map((r) => r.waId) };
  }

  it('three processes at once on a missing set: rebuilt from the last 24 h, exactly the budget left is allowed', async () => {
    const { businessId, recent } = await seed(240, 100);
    const asks = limits.map(() => Array.from({ length: 10 }, wa));
    const answers = await Promise.all(limits.map((l, i) => l.unsolicitedMany(businessId, 'TIER_250', asks[i]!)));
    const allowed = answers.flat().filter((w) => w === 0).length;
    expect(allowed).toBe(10); // 250 - 240 recent; the 100 older than 24 h do not count
    for (const w of answers.flat().filter((w) => w > 0)) {
      // Budget frees up when the oldest recent contacts (2 h old) leave the window: in about 22 h.
      expect(w).toBeGreaterThan(21.9 * HOUR);
      expect(w).toBeLessThanOrEqual(22 * HOUR);
    }
    const r = redis();
    try {
      expect(await r.zcard(`limits:unsolicited:${businessId}`)).toBe(250);
      const ttl = await r.pttl(`limits:unsolicited:${businessId}:loaded`);
      expect(ttl).toBeGreaterThan(23.9 * HOUR);
    } finally {
      r.disconnect();
    }
    // Already contacted in the 24 h: always allowed, at no cost; a refused one stays refused.
    expect(await limits[0]!.unsolicitedMany(businessId, 'TIER_250', [recent[3]!, asks[0]![0]!])).toEqual([
      0,
      expect.any(Number),
    ]);
    const refusedOne = asks.flat()[answers.flat().findIndex((w) => w > 0)]!;
    expect((await limits[1]!.unsolicitedMany(businessId, 'TIER_250', [refusedOne]))[0]).toBeGreaterThan(0);
    // A higher tier on the same set: the rest of the new budget.
    expect((await limits[2]!.unsolicitedMany(businessId, 'TIER_2K', [refusedOne]))[0]).toBe(0);
  });

  it('loads large sets whole (the rebuild adds members in chunks)', async () => {
    const { businessId, recent } = await seed(2_600, 0);
    expect(await limits[0]!.unsolicitedMany(businessId, 'TIER_10K', [wa(), recent[2_599]!])).toEqual([0, 0]);
    const r = redis();
    try {
      expect(await r.zcard(`limits:unsolicited:${businessId}`)).toBe(2_601);
    } finally {
      r.disconnect();
    }
  });

  it('TIER_UNLIMITED allows everyone and never touches Redis', async () => {
    const { businessId } = await seed(5, 0);
    expect(await limits[0]!.unsolicitedMany(businessId, 'TIER_UNLIMITED', [wa(), wa()])).toEqual([0, 0]);
    const r = redis();
    try {
      expect(await r.exists(`limits:unsolicited:${businessId}`, `limits:unsolicited:${businessId}:loaded`)).toBe(0);
    } finally {
      r.disconnect();
    }
  });

  it('a business with nothing in Postgres gets an empty, loaded set', async () => {
    const businessId = `6${randomBytes(7).toString('hex')}`;
    expect(await limits[1]!.unsolicitedMany(businessId, 'TIER_250', [wa()])).toEqual([0]);
    const r = redis();
    try {
      expect(await r.zcard(`limits:unsolicited:${businessId}`)).toBe(1);
    } finally {
      r.disconnect();
    }
  });
});
