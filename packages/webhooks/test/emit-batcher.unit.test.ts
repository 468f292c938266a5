import { describe, expect, it } from 'vitest';
import { EmitBatcher } from '../src';

interface Item {
  key: string | null;
  n: number;
}

describe('EmitBatcher', () => {
  it('writes at once when idle, then batches what arrives while writes are in flight', async () => {
    const batches: number[][] = [];
    const batcher = new EmitBatcher<Item, number>(
      async (items) => {
        batches.push(items.map((i) => i.n));
        await new Promise((r) => setTimeout(r, 20));
        return items.map((i) => i.n * 10);
      },
      (i) => i.key,
      { maxBatch: 3, maxInFlight: 1 },
    );
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit({ key: null, n })));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('never has one ordering key in two batches at once, so call order stays commit order', async () => {
    const inFlight = new Set<string>();
    const order: string[] = [];
    const batcher = new EmitBatcher<Item, void>(
      async (items) => {
        const keys = items.map((i) => i.key).filter((k): k is string => k !== null);
        for (const k of keys) expect(inFlight.has(k)).toBe(false);
        for (const k of keys) inFlight.add(k);
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
        for (const k of keys) inFlight.delete(k);
        order.push(...items.map((i) => `${i.key}:${i.n}`));
        return items.map(() => undefined);
      },
      (i) => i.key,
      { maxBatch: 4, maxInFlight: 3 },
    );
    // Not awaited one by one: the batcher alone must keep each key's events in call order.
    await Promise.all(Array.from({ length: 60 }, (_, i) => batcher.submit({ key: `k${i % 5}`, n: Math.floor(i / 5) })));
    for (let k = 0; k < 5; k++) {
      const seen = order.filter((o) => o.startsWith(`k${k}:`)).map((o) => Number(o.split(':')[1]));
      expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i));
    }
  });

  it('fails every item of a failed batch', async () => {
    const batcher = new EmitBatcher<Item, void>(
      async () => {
        throw new Error('database down');
      },
      () => null,
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(batcher.submit({ key: null, n: 1 })).rejects.toThrow('database down');
  });
});
