/**
 * Flushes a batch that items of many requests share, so that one item's bad row fails only its own request. A batch
 * written by one statement fails as a whole when one row does; when Postgres blames the data (SQLSTATE class 22,
 * a value the column refuses, or 23, a constraint) the batch is split in halves, each flushed again, down to the
 * failing rows — a few extra statements for one bad row, in order. Any other failure (connection lost, Postgres
 * down) fails the whole batch as before: retrying it row by row would only multiply the load.
 */
export async function flushIsolated<I, O>(
  flush: (items: I[]) => Promise<O[]>,
  items: I[],
): Promise<PromiseSettledResult<O>[]> {
  try {
    const results = await flush(items);
    // By the items, not the results: a flush may answer a sparse array, whose holes map() would skip.
    return items.map((_, i) => ({ status: 'fulfilled', value: results[i] as O }));
  } catch (reason) {
    if (items.length === 1 || !isDataError(reason)) return items.map(() => ({ status: 'rejected', reason }));
    const half = Math.ceil(items.length / 2);
    const first = await flushIsolated(flush, items.slice(0, half));
    return [...first, ...(await flushIsolated(flush, items.slice(half)))];
  }
}

function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}
