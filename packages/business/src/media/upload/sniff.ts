/**
 * Cheap content checks on a file's first bytes (Meta's 131053 "mismatched MIME type" is the most common media
 * error, so Switchboard catches it at upload rather than at send). Only what the magic numbers can tell: an .mp4
 * and a .3gp share a container, and a .docx is a ZIP like any other.
 */
export const SNIFF_BYTES = 4096;

const startsWith = (head: Buffer, bytes: number[] | string, at = 0) => {
  const want = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= at + want.length && head.subarray(at, at + want.length).equals(want);
};

const isoBmff = (h: Buffer) => startsWith(h, 'ftyp', 4);
const zip = (h: Buffer) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]);
const ole2 = (h: Buffer) => startsWith(h, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** ADTS frame header: 12 sync bits, layer 00. */
const adts = (h: Buffer) => h.length >= 2 && h[0] === 0xff && (h[1]! & 0xf6) === 0xf0;
/** MPEG audio frame header: 11 sync bits, a layer other than 00; or an ID3v2 tag in front. */
const mpegAudio = (h: Buffer) =>
  startsWith(h, 'ID3') || (h.length >= 2 && h[0] === 0xff && (h[1]! & 0xe0) === 0xe0 && (h[1]! & 0x06) !== 0);
const oggOpus = (h: Buffer) => startsWith(h, 'OggS') && h.subarray(0, 128).includes('OpusHead', 0, 'latin1');
/** Plain text has no NUL bytes and is valid UTF-8 (a cut multi-byte character at the end of the sample is fine). */
const plainText = (h: Buffer) =>
  !h.includes(0) && new TextDecoder('utf-8', { fatal: false }).decode(h).slice(0, -1).indexOf('\uFFFD') === -1;

const CHECKS: Record<string, (head: Buffer) => boolean> = {
  'image/jpeg': (h) => startsWith(h, [0xff, 0xd8, 0xff]),
  'image/png': (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (h) => startsWith(h, 'RIFF') && startsWith(h, 'WEBP', 8),
  'audio/aac': (h) => adts(h) || startsWith(h, 'ADIF'),
  'audio/amr': (h) => startsWith(h, '#!AMR'),
  'audio/mpeg': mpegAudio,
  'audio/mp4': isoBmff,
  'audio/ogg': oggOpus,
  'video/mp4': isoBmff,
  'video/3gpp': isoBmff,
  'application/pdf': (h) => startsWith(h, '%PDF-'),
  'application/msword': ole2,
  'application/vnd.ms-excel': ole2,
  'application/vnd.ms-powerpoint': ole2,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': zip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': zip,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': zip,
  'text/plain': plainText,
};

/** Whether the file's first bytes fit the declared (supported) MIME type. */
export function contentMatches(mimeType: string, head: Buffer): boolean {
  return CHECKS[mimeType]?.(head) ?? false;
}

/** An animated WebP has the animation flag in its VP8X header (or an ANIM chunk). */
export function isAnimatedWebp(head: Buffer): boolean {
  if (startsWith(head, 'VP8X', 12) && head.length > 20 && (head[20]! & 0x02) !== 0) return true;
  return head.includes('ANIM', 12, 'latin1');
}
