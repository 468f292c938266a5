// Sending and receiving attachments as a device: encrypt, upload the blob, put the pointer into a message; fetch the
// blob of a received pointer, verify and decrypt it.
import type { RestClient } from '../rest';
import { decryptAttachment, encryptAttachment, type SealedAttachment } from './cipher';
import type { AttachmentPointer } from './pointer';

const UPLOAD_MARGIN_S = 60; // the upload comes before the send: the message's clock starts a little later

export interface AttachmentInfo {
  mime_type: string;
  file_name?: string;
}

/** The pointer of a sealed attachment stored under `id`. */
export function pointerOf(id: string, sealed: Omit<SealedAttachment, 'blob'>, info: AttachmentInfo): AttachmentPointer {
  return {
    id,
    key: Buffer.from(sealed.key).toString('base64'),
    digest: Buffer.from(sealed.digest).toString('base64'),
    size: sealed.size,
    mime_type: info.mime_type,
    ...(info.file_name !== undefined && { file_name: info.file_name }),
  };
}

/**
 * Encrypts `bytes` with a fresh key, uploads the blob, and returns the pointer to send (inside `rich`). For a chat
 * with a disappearing timer, pass it as `expiresInS` (Messenger.disappearingTimer): the server drops the blob with the
 * message (a minute's margin for the send).
 */
export async function uploadAttachment(
  rest: RestClient,
  bytes: Uint8Array,
  info: AttachmentInfo,
  options: { expiresInS?: number } = {},
): Promise<AttachmentPointer> {
  const sealed = encryptAttachment(bytes);
  const lifetime = options.expiresInS ? options.expiresInS + UPLOAD_MARGIN_S : undefined;
  const { id } = await rest.uploadAttachmentBlob(sealed.blob, lifetime);
  return pointerOf(id, sealed, info);
}

/** Downloads the blob a pointer names and returns the plaintext; a blob that fails its digest or MAC throws. */
export async function downloadAttachment(rest: RestClient, pointer: AttachmentPointer): Promise<Buffer> {
  const blob = await rest.downloadAttachmentBlob(pointer.id);
  return decryptAttachment(blob, {
    key: Buffer.from(pointer.key, 'base64'),
    digest: Buffer.from(pointer.digest, 'base64'),
    size: pointer.size,
  });
}
