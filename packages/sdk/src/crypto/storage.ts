import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where a device keeps its keys and sessions: string values under string keys. Memory for tests and benchmarks, a
 * JSON file for anything that must survive a restart. The SDK's other parts may keep their own state here too.
 */
export interface Storage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Keys starting with `prefix`. */
  keys(prefix: string): string[];
  /** Runs `fn` with writes to disk deferred to its end (one write for a batch of 200 keys, not 200). */
  batch<T>(fn: () => Promise<T>): Promise<T>;
}

export class MemoryStorage implements Storage {
  protected readonly data = new Map<string, string>();
  private depth = 0;
  private dirty = false;

  get(key: string): string | undefined {
    return this.data.get(key);
  }
  set(key: string, value: string): void {
    this.data.set(key, value);
    this.changed();
  }
  delete(key: string): void {
    if (this.data.delete(key)) this.changed();
  }
  keys(prefix: string): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix));
  }
  async batch<T>(fn: () => Promise<T>): Promise<T> {
    this.depth++;
    try {
      return await fn();
    } finally {
      if (--this.depth === 0 && this.dirty) this.changed();
    }
  }
  private changed(): void {
    if (this.depth) {
      this.dirty = true;
      return;
    }
    this.dirty = false;
    this.persist();
  }
  protected persist(): void {}
}

/**
 * A JSON file, rewritten whole after every change (write to a temporary file, then rename, so a crash leaves the old
 * or the new file, never half of one). Fine for one device's state; not a database.
 */
export class JsonFileStorage extends MemoryStorage {
  constructor(readonly path: string) {
    super();
    if (existsSync(path)) {
      for (const [k, v] of Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>)) {
        this.data.set(k, v);
      }
    }
  }

  protected override persist(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.data)), { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}

export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
export const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(s, 'base64'));
