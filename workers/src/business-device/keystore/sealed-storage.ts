import type { Storage } from '@switchboard/sdk';

/**
 * The SDK's Storage (synchronous, as libsignal's stores read it) over the rows one operation loaded from Postgres:
 * DeviceCrypto runs against it in memory, then `changes()` says what to write back. Loading only the keys an operation
 * needs (its peer's sessions, the device's identity) keeps a send from reading every session of the number.
 */
export class SealedStorage implements Storage {
  private readonly written = new Set<string>();
  private readonly removed = new Set<string>();

  constructor(private readonly data: Map<string, string>) {}

  get(key: string): string | undefined {
    return this.data.get(key);
  }
  set(key: string, value: string): void {
    this.data.set(key, value);
    this.written.add(key);
    this.removed.delete(key);
  }
  delete(key: string): void {
    this.data.delete(key);
    this.written.delete(key);
    this.removed.add(key);
  }
  keys(prefix: string): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix));
  }
  batch<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  changes(): { upserts: [string, string][]; deletes: string[] } {
    return {
      upserts: [...this.written].map((k) => [k, this.data.get(k)!] as [string, string]),
      deletes: [...this.removed],
    };
  }
}
