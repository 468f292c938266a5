import type { Readable, Writable } from 'node:stream';

/**
 * `source.pipe(target)` that also fails `target` when `source` fails (.pipe() does not forward errors), optionally
 * translating the error — so whoever consumes the end of a chain sees the first failure of any link.
 */
export function forward<T extends Writable>(source: Readable, target: T, translate = (err: Error) => err): T {
  source.once('error', (err) => target.destroy(translate(err)));
  return source.pipe(target);
}
