import { describe, expect, it } from 'vitest';
import { Batcher } from '../src/batching/batcher';

interface Item {
  key: string | null;
  n: number;
}

describe('Batcher', () => {
  it('writes at once when idle, then batches what arrives while writes are in flight', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<Item, number>(
      async (items) => {
        batches.push(items.map((i) => i.n));
        await new Promise((r) => setTimeout(r, 20));
        return items.map((i) => i.n * 10);
      },
      { maxBatch: 3, maxInFlight: 1, keyOf: (i) => i.key },
    );
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit({ key: null, n })));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('never has one ordering key in two batches at once, so call order stays commit order', async () => {
    const inFlight = new Set<string>();
    const order: string[] = [];
    const batcher = new Batcher<Item, void>(
      async (items) => {
        const keys = items.map((i) => i.key).filter((k): k is string => k !== null);
        for (const k of keys) expect(inFlight.has(k)).toBe(false);
        for (const k of keys) inFlight.add(k);
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
        for (const k of keys) inFlight.delete(k);
        order.push(...items.map((i) => `${i.key}:${i.n}`));
        return items.map(() => undefined);
      },
      { maxBatch: 4, maxInFlight: 3, keyOf: (i) => i.key },
    );
    // Not awaited one by one: the batcher alone must keep each key's events in call order.
    await Promise.all(Array.from({ length: 60 }, (_, i) => batcher.submit({ key: `k${i % 5}`, n: Math.floor(i / 5) })));
    for (let k = 0; k < 5; k++) {
      const seen = order.filter((o) => o.startsWith(`k${k}:`)).map((o) => Number(o.split(':')[1]));
      expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i));
    }
  });

  it('fails every item of a failed batch', async () => {
    const batcher = new Batcher<Item, void>(
      async () => {
        throw new Error('database down');
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(batcher.submit({ key: null, n: 1 })).rejects.toThrow('database down');
  });

  it("fails only a bad row's own item when Postgres blames the data, and flushes the rest", async () => {
    const batcher = new Batcher<Item, number>(
      async (items) => {
        if (items.some((i) => i.n === 3)) throw Object.assign(new Error('invalid byte sequence'), { code: '22021' });
        return items.map((i) => i.n);
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const first = batcher.submit({ key: null, n: 0 }); // flushed alone (idle), so the rest share the next batch
    const rest = [1, 2, 3, 4].map((n) => batcher.submit({ key: null, n }));
    const settled = await Promise.allSettled([first, ...rest]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    await batcher.drained();
  });

  it('drained() resolves once everything submitted has been flushed', async () => {
    const flushed: number[] = [];
    const batcher = new Batcher<Item, void>(
      async (items) => {
        await new Promise((r) => setTimeout(r, 10));
        flushed.push(...items.map((i) => i.n));
        return items.map(() => undefined);
      },
      { maxBatch: 2, maxInFlight: 1 },
    );
    for (const n of [1, 2, 3, 4, 5]) void batcher.submit({ key: null, n });
    await batcher.drained();
    expect(flushed).toEqual([1, 2, 3, 4, 5]);
  });
});
