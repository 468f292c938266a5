import type { Readable } from 'node:stream';

/**
 * Where opaque bytes live: business media (business/media) and the core's encrypted attachments
 * (core/attachments), each under a directory of its own. Local disk by default (LocalDiskStorage); an object store
 * would implement the same three calls. Keys are opaque to callers and safe as file names.
 */
export interface BlobStorage {
  /** Writes `source` under `key`; on failure nothing is left behind. Resolves once the bytes are durable. */
  put(key: string, source: Readable): Promise<void>;
  /** The bytes under `key`, or undefined when there are none. */
  open(key: string): Promise<{ stream: Readable; size: number } | undefined>;
  /** Idempotent. */
  remove(key: string): Promise<void>;
}
