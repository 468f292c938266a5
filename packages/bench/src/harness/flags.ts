import type { SuiteContext } from '../types';

/** A suite's `--name N` flag: an integer from 1 to `max`, or `fallback` when absent; anything else throws. */
export function intFlag(ctx: SuiteContext, name: string, fallback: number, max: number): number {
  const raw = ctx.flags.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`--${name} expects an integer from 1 to ${max}`);
  return n;
}
