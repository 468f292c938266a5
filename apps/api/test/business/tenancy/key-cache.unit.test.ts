import { KeyCache } from '@switchboard/business/auth/key-cache';
import { describe, expect, it } from 'vitest';

describe('KeyCache', () => {
  const hash = new Uint8Array([1, 2, 3]);
  const entry = () => ({ businessId: 'b', apiKeyId: 'k', lastUsedAt: 0 });

  it('drops a lookup that was in flight when an eviction came in (the row it read may predate the revocation)', () => {
    const cache = new KeyCache();
    const before = cache.generation;
    cache.evictKey('k'); // the announcement arrives while Postgres is being asked
    cache.set(hash, entry(), 1000, before);
    expect(cache.get(hash, 1001)).toBeUndefined();
    cache.set(hash, entry(), 1000, cache.generation);
    expect(cache.get(hash, 1001)).toMatchObject({ apiKeyId: 'k' });
  });

  it('evicts by key id, forgets everything on clear (a resubscribe), and expires entries after 5 s', () => {
    const cache = new KeyCache();
    cache.set(hash, entry(), 0, cache.generation);
    cache.evictKey('k');
    expect(cache.get(hash, 1)).toBeUndefined();
    cache.set(hash, entry(), 0, cache.generation);
    cache.clear();
    expect(cache.get(hash, 1)).toBeUndefined();
    cache.set(hash, entry(), 0, cache.generation);
    expect(cache.get(hash, 4_999)).toBeDefined();
    expect(cache.get(hash, 5_000)).toBeUndefined();
  });
});
