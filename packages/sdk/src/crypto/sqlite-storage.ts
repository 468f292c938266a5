import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import type { Storage } from './storage';

/**
 * A device's state in an SQLite file: each change writes its own row, so a change costs the same whether the device
 * holds ten keys or ten thousand. WAL with synchronous=NORMAL: a crash of the app loses nothing committed; a power cut
 * may lose the last commits, never corrupt the file. libsql (SQLite's maintained fork, prebuilt for each platform,
 * no install script) stands in for node:sqlite on Node versions that lack it.
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly statements: {
    get: Database.Statement;
    set: Database.Statement;
    delete: Database.Statement;
    keys: Database.Statement;
  };
  private depth = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    chmodSync(path, 0o600); // private keys live here
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
    this.statements = {
      get: this.db.prepare('SELECT value FROM kv WHERE key = ?'),
      set: this.db.prepare(
        'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      delete: this.db.prepare('DELETE FROM kv WHERE key = ?'),
      keys: this.db.prepare('SELECT key FROM kv WHERE key >= ? AND key < ? ORDER BY key'),
    };
  }

  get(key: string): string | undefined {
    return (this.statements.get.get(key) as { value: string } | undefined)?.value;
  }
  set(key: string, value: string): void {
    this.statements.set.run(key, value);
  }
  delete(key: string): void {
    this.statements.delete.run(key);
  }
  keys(prefix: string): string[] {
    return (this.statements.keys.all(prefix, `${prefix}\uffff`) as { key: string }[]).map((r) => r.key);
  }
  /** One transaction for the whole of `fn` (a batch of 200 keys is one commit, not 200). */
  async batch<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth++ === 0) this.db.exec('BEGIN');
    try {
      return await fn();
    } finally {
      if (--this.depth === 0) this.db.exec('COMMIT');
    }
  }
  close(): void {
    this.db.close();
  }
}
