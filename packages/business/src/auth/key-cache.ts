interface Entry {
  businessId: string;
  apiKeyId: string;
  lastUsedAt: number;
}

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Live keys seen in the last few seconds, by token hash, so a busy client costs no key lookup per request. Revoking
 * evicts on every node at once (KeyRevocations); TTL_MS bounds what a lost revocation message can cost.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry & { expiresAt: number }>();
  /**
   * Bumped by every eviction. A lookup reads it before querying Postgres and passes it to `set`, which drops the
   * entry if an eviction came in meanwhile: the row it read may predate the revocation that was just announced.
   */
  generation = 0;

  get(hash: Uint8Array, now: number): Entry | undefined {
    const key = Buffer.from(hash).toString('base64');
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry;
    if (entry) this.entries.delete(key);
    return undefined;
  }

  set(hash: Uint8Array, entry: Entry, now: number, generation: number): void {
    if (generation !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    // The caller's object itself is kept, so its lastUsedAt updates are seen by later hits.
    this.entries.set(Buffer.from(hash).toString('base64'), Object.assign(entry, { expiresAt: now + TTL_MS }));
  }

  evictKey(apiKeyId: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries) if (entry.apiKeyId === apiKeyId) this.entries.delete(hash);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
