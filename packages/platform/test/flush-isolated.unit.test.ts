import { describe, expect, it } from 'vitest';
import { flushIsolated } from '../src/batching/flush-isolated';

/** A flush that fails the whole batch, as one statement does, when any item is bad. */
function statement(bad: Set<number>, code = '22021') {
  const calls: number[][] = [];
  const flush = async (items: number[]) => {
    calls.push(items);
    if (items.some((i) => bad.has(i))) throw Object.assign(new Error('invalid byte sequence'), { code });
    return items.map((i) => i * 10);
  };
  return { flush, calls };
}

describe('flushIsolated', () => {
  it('fails only the bad items of a batch Postgres refused for its data, in order, with few extra statements', async () => {
    const { flush, calls } = statement(new Set([5]));
    const items = Array.from({ length: 16 }, (_, i) => i);
    const results = await flushIsolated(flush, items);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'bad'))).toEqual(
      items.map((i) => (i === 5 ? 'bad' : i * 10)),
    );
    expect(calls.length).toBeLessThanOrEqual(1 + 2 * Math.log2(16));
  });

  it('fails the whole batch at once when the failure is not the data (connection lost)', async () => {
    const { flush, calls } = statement(new Set([1]), '08006');
    const results = await flushIsolated(flush, [0, 1, 2, 3]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('answers one result per item even when the flush answers a sparse array', async () => {
    const results = await flushIsolated(async (items: number[]) => new Array<number>(items.length), [1, 2, 3]);
    expect(results).toEqual([1, 2, 3].map(() => ({ status: 'fulfilled', value: undefined })));
  });
});
