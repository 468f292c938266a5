import type { BlobStorage } from '@switchboard/core/storage/blob-storage';

/** Media bytes: a BlobStorage under MEDIA_DIR (the same interface holds the core's attachments elsewhere). */
export type MediaStorage = BlobStorage;

/** Nest injection token for the configured MediaStorage. */
export const MEDIA_STORAGE = Symbol('MediaStorage');
