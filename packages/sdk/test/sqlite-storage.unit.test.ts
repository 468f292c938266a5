import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../src';

describe('SqliteStorage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps values across a reopen, lists keys by prefix in order, deletes', async () => {
    const path = join(dir, 'a.db');
    const first = new SqliteStorage(path);
    first.set('signal:session:b', '2');
    first.set('signal:session:a', '1');
    first.set('signal:sessions', 'not under the prefix "signal:session:"');
    first.set('messaging:seen:x', '3');
    await first.batch(async () => {
      first.set('signal:prekey:1', 'p');
      first.delete('messaging:seen:x');
    });
    first.close();

    const reopened = new SqliteStorage(path);
    expect(reopened.keys('signal:session:')).toEqual(['signal:session:a', 'signal:session:b']);
    expect(reopened.get('signal:prekey:1')).toBe('p');
    expect(reopened.get('messaging:seen:x')).toBeUndefined();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    reopened.close();
  });

  it('writes a change where it belongs instead of rewriting the file', () => {
    const path = join(dir, 'b.db');
    const storage = new SqliteStorage(path);
    for (let i = 0; i < 2_000; i++) storage.set(`signal:prekey:${i}`, 'k'.repeat(300)); // a device's usual bulk
    const before = statSync(path);
    const wal = () => statSync(`${path}-wal`).size;
    const walBefore = wal();
    storage.set('messaging:seen:alice:1', String(Date.now()));
    expect(statSync(path).ino).toBe(before.ino); // the same file, not a new one renamed over it
    expect(wal() - walBefore).toBeLessThan(20_000); // a page or two, not the ~700 KB of state
    storage.close();
  });
});
