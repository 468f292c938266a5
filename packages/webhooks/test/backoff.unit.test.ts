import { describe, expect, it } from 'vitest';
import { backoffCeilingMs, backoffMs } from '../src';

describe('retry backoff', () => {
  it('doubles its ceiling per attempt up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffCeilingMs(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('draws uniformly below the ceiling (full jitter), so the mean delay grows with each attempt', () => {
    const mean = (n: number) => {
      const draws = Array.from({ length: 2000 }, () => backoffMs(n, 100, 60_000));
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThan(backoffCeilingMs(n, 100, 60_000));
      return draws.reduce((a, b) => a + b, 0) / draws.length;
    };
    const means = [1, 2, 3, 4, 5].map(mean);
    for (let i = 1; i < means.length; i++) expect(means[i]!).toBeGreaterThan(means[i - 1]! * 1.5);
  });
});
