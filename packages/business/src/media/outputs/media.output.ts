import type { Media } from '@switchboard/db';

/** GET /{media_id} (business-phone-numbers/media, "Get media URL"). */
export function renderMedia(m: Media, url: string) {
  return {
    messaging_product: 'whatsapp' as const,
    url,
    mime_type: m.mimeType,
    sha256: m.sha256,
    file_size: m.fileSize,
    id: m.id,
  };
}
