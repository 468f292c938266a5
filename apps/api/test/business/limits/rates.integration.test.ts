import { randomBytes } from 'node:crypto';
import type { SendLimits } from '@switchboard/business/limits/send-limits';
import { createRedis } from '@switchboard/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitsNodes, maxInWindow, sleep } from './support';

const PAIR_INTERVAL_MS = 300;
const PAIR_BURST = 5;

describe('throughput and pair rate (GCRA in Redis, shared by processes)', () => {
  let nodes: Awaited<ReturnType<typeof limitsNodes>>;
  let a: SendLimits;
  let b: SendLimits;
  const number = () => `9${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    nodes = await limitsNodes(2, {
      PAIR_RATE_INTERVAL_MS: String(PAIR_INTERVAL_MS),
      PAIR_RATE_BURST: String(PAIR_BURST),
    });
    [a, b] = nodes.limits as [SendLimits, SendLimits];
  });
  afterAll(async () => {
    await nodes?.close();
  });

  it('tryThroughput from two processes: no 1-second window above the rate, and no refusal while a slot was free', async () => {
    const id = number();
    const rate = 40;
    const intervalMs = 1000 / rate;
    const spans: { before: number; after: number }[] = [];
    const refusals: { before: number; after: number }[] = [];
    const admittedBy = new Map<SendLimits, number>();
    const until = Date.now() + 3_000;
    const loop = async (limits: SendLimits) => {
      while (Date.now() < until) {
        const before = performance.now();
        const ok = await limits.tryThroughput(id, rate);
        (ok ? spans : refusals).push({ before, after: performance.now() });
        if (ok) admittedBy.set(limits, (admittedBy.get(limits) ?? 0) + 1);
        await sleep(1);
      }
    };
    await Promise.all([loop(a), loop(b)]);
    // Both processes draw from the one budget, and they asked for more than it holds.
    expect(admittedBy.get(a)).toBeGreaterThan(0);
    expect(admittedBy.get(b)).toBeGreaterThan(0);
    expect(refusals.length).toBeGreaterThan(0);
    // Never above the rate (no burst: τ = 0), whatever the machine's load: per second, and over the whole run.
    expect(maxInWindow(spans, 1000)).toBeLessThanOrEqual(rate);
    const first = Math.min(...spans.map((s) => s.before));
    const last = Math.max(...spans.map((s) => s.after));
    expect(spans.length).toBeLessThanOrEqual(Math.floor((last - first + 1) / intervalMs) + 1);
    // Never below it either: with τ = 0 a refusal at t means a slot was taken in (t - T, t], so some admitted call's
    // span reaches into [before - T, after] of every refused one (1 ms of slack between Redis' clock and ours). How
    // often a loaded machine manages to ask does not matter.
    const unexplained = refusals.filter(
      (r) => !spans.some((s) => s.before <= r.after && s.after >= r.before - intervalMs - 1),
    );
    expect(unexplained.length, `refused while free: ${JSON.stringify(unexplained.slice(0, 3))}`).toBe(0);
  });

  it('reserveThroughput books consecutive batches across processes, spaced by n × 1/rate', async () => {
    const id = number();
    const rate = 50; // 20 ms a slot
    const first = await a.reserveThroughput(id, rate, 10);
    const second = await b.reserveThroughput(id, rate, 10);
    const third = await a.reserveThroughput(id, rate, 5);
    expect(first).toBe(0);
    expect(second).toBeGreaterThan(150); // 200 less the first call's round trip
    expect(second).toBeLessThanOrEqual(200);
    expect(third).toBeGreaterThan(350);
    expect(third).toBeLessThanOrEqual(400);
    // The booked slots are taken: a send now has to wait for the whole backlog.
    expect(await b.tryThroughput(id, rate)).toBe(false);
  });

  it('the throughput key expires when its bucket is full again', async () => {
    const id = number();
    await a.reserveThroughput(id, 10, 3); // 300 ms booked
    const redis = createRedis(nodes.config, 'limits-test');
    try {
      const ttl = await redis.pttl(`limits:mps:${id}`);
      expect(ttl).toBeGreaterThan(250);
      expect(ttl).toBeLessThanOrEqual(300);
    } finally {
      redis.disconnect();
    }
  });

  it('pairMany: a burst of PAIR_RATE_BURST, then one per interval; refusals count nothing', async () => {
    const id = number();
    const [x, y] = ['447700900001', '447700900002'];
    const firsts: number[] = [];
    for (let i = 0; i < PAIR_BURST; i++) firsts.push((await (i % 2 ? a : b).pairMany(id, [x]))[0]!);
    expect(firsts).toEqual(Array(PAIR_BURST).fill(0));
    const [overX, freshY] = await a.pairMany(id, [x, y]);
    expect(overX).toBeGreaterThan(PAIR_INTERVAL_MS / 2); // one interval less the burst's own duration
    expect(overX).toBeLessThanOrEqual(PAIR_INTERVAL_MS);
    expect(freshY).toBe(0); // another consumer of the same number has a bucket of its own
    // Refused again and again meanwhile: those refusals must not push the next slot further out.
    for (let i = 0; i < 5; i++) expect((await b.pairMany(id, [x]))[0]).toBeGreaterThan(0);
    await sleep(overX! + 20);
    expect(await a.pairMany(id, [x])).toEqual([0]);
    expect((await b.pairMany(id, [x]))[0]).toBeGreaterThan(PAIR_INTERVAL_MS / 2);
    await sleep(PAIR_INTERVAL_MS + 20);
    expect(await a.pairMany(id, [x])).toEqual([0]);
  });

  it('survives a SCRIPT FLUSH (EVALSHA falls back to EVAL after a Redis restart)', async () => {
    const redis = createRedis(nodes.config, 'limits-test');
    try {
      await redis.script('FLUSH');
    } finally {
      redis.disconnect();
    }
    expect(await a.tryThroughput(number(), 10)).toBe(true);
    expect(await b.pairMany(number(), ['447700900003'])).toEqual([0]);
  });
});
