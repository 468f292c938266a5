/**
 * Where a device keeps its keys and sessions: string values under string keys. Memory for tests and benchmarks,
 * SqliteStorage for anything that must survive a restart. The SDK's other parts keep their own state here too.
 */
export interface Storage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Keys starting with `prefix`. */
  keys(prefix: string): string[];
  /** Runs `fn` as one unit of writing (one commit for a batch of 200 keys, not 200). */
  batch<T>(fn: () => Promise<T>): Promise<T>;
}

/** Nothing survives the process: tests, benchmarks, and state kept elsewhere (a sealed copy in a database). */
export class MemoryStorage implements Storage {
  protected readonly data = new Map<string, string>();

  get(key: string): string | undefined {
    return this.data.get(key);
  }
  set(key: string, value: string): void {
    this.data.set(key, value);
  }
  delete(key: string): void {
    this.data.delete(key);
  }
  keys(prefix: string): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix));
  }
  batch<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }
}

export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
export const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(s, 'base64'));
