import { ApiError } from '@switchboard/core/errors/api-error';
import { mediaUploadError } from '../media-errors';
import { MEDIA_TYPES, mediaTypeRule } from '../media-types';
import { contentMatches, isAnimatedWebp } from './sniff';

export interface ReceivedFile {
  size: number;
  head: Buffer;
  partMimeType: string;
}

const GENERIC = new Set(['', 'application/octet-stream']);
const mb = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`);

/**
 * The upload's form once read: `messaging_product` must be "whatsapp"; the type is the `type` field, else the file
 * part's own Content-Type; it must be a supported type, within its size limit, and the bytes must look like it.
 * Returns the MIME type to store.
 */
export function validateUpload(fields: Record<string, string>, file: ReceivedFile | undefined): string {
  if (fields.messaging_product !== 'whatsapp')
    throw ApiError.invalidParameter('messaging_product: required, and must be "whatsapp"');
  if (!file) throw ApiError.invalidParameter('file: required (a multipart file part named "file")');
  const declared = fields.type ?? (GENERIC.has(file.partMimeType) ? undefined : file.partMimeType);
  if (!declared) throw ApiError.invalidParameter('type: required (the file\'s MIME type, e.g. "image/jpeg")');
  const { mimeType, rule } = mediaTypeRule(declared);
  if (!rule)
    throw mediaUploadError(`type: ${mimeType} is not a supported media type (${Object.keys(MEDIA_TYPES).join(', ')})`);
  if (file.size === 0) throw mediaUploadError('file: the file is empty');
  const animated = mimeType === 'image/webp' && isAnimatedWebp(file.head);
  const limit = animated ? rule.maxAnimatedBytes! : rule.maxBytes;
  if (file.size > limit)
    throw mediaUploadError(
      `file: ${file.size} bytes is over the ${mb(limit)} limit for ${animated ? 'animated ' : ''}${mimeType}`,
    );
  if (!contentMatches(mimeType, file.head))
    throw mediaUploadError(`file: the content is not ${mimeType} (mismatched MIME type)`);
  return mimeType;
}

/** The most an upload declared as `mimeType` may stream before it is cut off (the largest if unknown). */
export function streamLimit(mimeType: string | undefined, fallback: number): number {
  const rule = mimeType ? mediaTypeRule(mimeType).rule : undefined;
  return rule ? (rule.maxAnimatedBytes ?? rule.maxBytes) : fallback;
}
