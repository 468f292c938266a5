/**
 * What the Cloud API accepts as media (business-phone-numbers/media, "Supported media types"): the MIME types, the
 * message types they can be sent as, and their size limits. Stickers are the one kind whose limit depends on the
 * content: 100 KB static, 500 KB animated.
 */
export type MediaKind = 'audio' | 'document' | 'image' | 'sticker' | 'video';

const KB = 1024;
const MB = 1024 * KB;

export interface MediaTypeRule {
  kind: MediaKind;
  maxBytes: number;
  /** Stickers only: the limit for an animated WebP. */
  maxAnimatedBytes?: number;
}

export const MEDIA_TYPES: Readonly<Record<string, MediaTypeRule>> = {
  'audio/aac': { kind: 'audio', maxBytes: 16 * MB },
  'audio/amr': { kind: 'audio', maxBytes: 16 * MB },
  'audio/mpeg': { kind: 'audio', maxBytes: 16 * MB },
  'audio/mp4': { kind: 'audio', maxBytes: 16 * MB },
  'audio/ogg': { kind: 'audio', maxBytes: 16 * MB },
  'text/plain': { kind: 'document', maxBytes: 100 * MB },
  'application/pdf': { kind: 'document', maxBytes: 100 * MB },
  'application/msword': { kind: 'document', maxBytes: 100 * MB },
  'application/vnd.ms-excel': { kind: 'document', maxBytes: 100 * MB },
  'application/vnd.ms-powerpoint': { kind: 'document', maxBytes: 100 * MB },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', maxBytes: 100 * MB },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'document', maxBytes: 100 * MB },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { kind: 'document', maxBytes: 100 * MB },
  'image/jpeg': { kind: 'image', maxBytes: 5 * MB },
  'image/png': { kind: 'image', maxBytes: 5 * MB },
  'image/webp': { kind: 'sticker', maxBytes: 100 * KB, maxAnimatedBytes: 500 * KB },
  'video/mp4': { kind: 'video', maxBytes: 16 * MB },
  'video/3gpp': { kind: 'video', maxBytes: 16 * MB },
};

/** The largest file any type allows: what an upload may stream before its type is known. */
export const MAX_MEDIA_BYTES = Math.max(...Object.values(MEDIA_TYPES).map((r) => r.maxAnimatedBytes ?? r.maxBytes));

/** "Image/JPEG; charset=x" → "image/jpeg"; the rule for it, if the Cloud API supports it. */
export function mediaTypeRule(mimeType: string): { mimeType: string; rule?: MediaTypeRule } {
  const bare = mimeType.split(';')[0]!.trim().toLowerCase();
  return { mimeType: bare, rule: MEDIA_TYPES[bare] };
}

/** Which uploaded MIME types a message of `kind` can carry (an image message cannot send a PDF). */
export function acceptsMime(kind: MediaKind, mimeType: string): boolean {
  return MEDIA_TYPES[mimeType]?.kind === kind;
}
