// What a message carries for an attachment (inside the Signal encryption, in the `rich` content): where the blob is,
// how to decrypt and verify it, and what it is.
export interface AttachmentPointer {
  /** The core's attachment id (GET /v1/attachments/{id}). */
  id: string;
  /** 64 bytes, standard base64: AES-256 key ‖ HMAC-SHA256 key. */
  key: string;
  /** SHA-256 of the whole blob, standard base64. */
  digest: string;
  /** The plaintext's length in bytes. */
  size: number;
  mime_type: string;
  file_name?: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The pointer inside a received media object, or undefined when `value` does not hold a well-formed one. */
export function attachmentPointerOf(value: unknown): AttachmentPointer | undefined {
  const v = value as Partial<Record<keyof AttachmentPointer, unknown>> | null;
  if (!v || typeof v !== 'object') return undefined;
  const ok =
    typeof v.id === 'string' &&
    UUID.test(v.id) &&
    typeof v.key === 'string' &&
    BASE64.test(v.key) &&
    typeof v.digest === 'string' &&
    BASE64.test(v.digest) &&
    Number.isSafeInteger(v.size) &&
    (v.size as number) >= 0 &&
    typeof v.mime_type === 'string' &&
    (v.file_name === undefined || typeof v.file_name === 'string');
  if (!ok) return undefined;
  return {
    id: v.id as string,
    key: v.key as string,
    digest: v.digest as string,
    size: v.size as number,
    mime_type: v.mime_type as string,
    ...(typeof v.file_name === 'string' && { file_name: v.file_name }),
  };
}
