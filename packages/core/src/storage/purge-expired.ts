import type { BlobStorage } from './blob-storage';

const BATCH = 500;

/**
 * Removes expired blobs and their rows in bounded batches, rows first: a crash between the two leaves an orphan file
 * rather than a row whose bytes are gone (an expired row already answers 404). `expired` finds up to `limit` rows
 * (id, storage key), `forget` deletes rows by id. Returns how many were removed.
 */
export async function purgeExpired(
  storage: BlobStorage,
  expired: (limit: number) => Promise<{ id: string; key: string }[]>,
  forget: (ids: string[]) => Promise<unknown>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await expired(BATCH);
    if (!rows.length) break;
    await forget(rows.map((r) => r.id));
    for (const r of rows) await storage.remove(r.key);
    total += rows.length;
    if (rows.length < BATCH) break;
  }
  return total;
}
