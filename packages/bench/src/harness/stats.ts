// The machine is shared and noisy: every figure a suite reports is the median of several runs.

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100) of values sorted ascending. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no values');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The median of each numeric key over rows (keys taken from the first row). */
export function medians<T extends Record<string, number>>(rows: readonly T[]): T {
  if (rows.length === 0) throw new Error('medians of no rows');
  const out: Record<string, number> = {};
  for (const key of Object.keys(rows[0]!)) out[key] = median(rows.map((r) => r[key]!));
  return out as T;
}

export interface Repeated<T extends Record<string, number>> {
  runs: T[];
  median: T;
}

/**
 * Runs `run` n times in sequence and reports each run's figures and the median of each figure.
 * `onRun` sees each run's figures as they come (for progress lines).
 */
export async function repeat<T extends Record<string, number>>(
  n: number,
  run: (index: number) => Promise<T>,
  onRun?: (figures: T, index: number) => void,
): Promise<Repeated<T>> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`repeat needs a positive run count, got ${n}`);
  const runs: T[] = [];
  for (let i = 0; i < n; i++) {
    const figures = await run(i);
    runs.push(figures);
    onRun?.(figures, i);
  }
  return { runs, median: medians(runs) };
}
