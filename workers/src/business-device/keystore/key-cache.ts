import { Injectable } from '@nestjs/common';

/** A key's opened value and the row version (`xmin`) it was committed at. */
export interface CachedKey {
  value: string;
  version: string;
}

// Sessions and remote identities of the consumers a worker sends to: a few KB each, so ~100 MB at the cap.
const MAX_ENTRIES = 50_000;

/**
 * The business devices' Signal state as last committed, opened, in this worker's memory (docs/business.md, "The
 * business device"): a batch asks Postgres only for the row versions of the keys it needs, and reads and opens a
 * value only where the version differs — another worker, or the one-by-one path, wrote it since. It never holds what
 * is not committed: BusinessCrypto fills it after its transaction commits, so a rolled-back batch leaves nothing
 * ahead of the database. The oldest entries leave first once it is full.
 */
@Injectable()
export class KeyCache {
  private readonly entries = new Map<string, CachedKey>();

  get(accountId: string, key: string): CachedKey | undefined {
    return this.entries.get(`${accountId}\n${key}`);
  }

  set(accountId: string, key: string, entry: CachedKey): void {
    const id = `${accountId}\n${key}`;
    this.entries.delete(id); // re-inserted last: the most recently used leave last
    this.entries.set(id, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(accountId: string, key: string): void {
    this.entries.delete(`${accountId}\n${key}`);
  }
}
