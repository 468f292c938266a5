import type { Readable } from 'node:stream';

/**
 * Where media bytes live. Local disk by default (LocalDiskStorage); an object store would implement the same four
 * calls. Keys are opaque to callers and safe as file names.
 */
export interface MediaStorage {
  /** Writes `source` under `key`; on failure nothing is left behind. Resolves once the bytes are durable. */
  put(key: string, source: Readable): Promise<void>;
  /** The bytes under `key`, or undefined when there are none. */
  open(key: string): Promise<{ stream: Readable; size: number } | undefined>;
  /** Idempotent. */
  remove(key: string): Promise<void>;
}

/** Nest injection token for the configured MediaStorage. */
export const MEDIA_STORAGE = Symbol('MediaStorage');
