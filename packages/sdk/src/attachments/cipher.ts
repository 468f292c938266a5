// Attachment encryption the way Signal does it: a random 64-byte key per attachment (32 bytes AES-256-CBC, 32 bytes
// HMAC-SHA256), blob = iv ‖ ciphertext ‖ HMAC(iv ‖ ciphertext), digest = SHA-256 of the whole blob. The key and
// digest travel inside the Signal-encrypted message; the server stores the blob and never learns either.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const ATTACHMENT_KEY_BYTES = 64;
const IV_BYTES = 16;
const MAC_BYTES = 32;
const BLOCK = 16;

/** A blob that cannot be what its pointer says (wrong digest or MAC, truncated, bad key): never shown to the user. */
export class AttachmentIntegrityError extends Error {
  constructor(why: string) {
    super(`attachment rejected: ${why}`);
    this.name = 'AttachmentIntegrityError';
  }
}

export interface SealedAttachment {
  blob: Uint8Array;
  key: Uint8Array;
  digest: Uint8Array;
  /** The plaintext's length (the blob is padded beyond it). */
  size: number;
}

/**
 * Signal's size buckets: the plaintext is zero-padded to the next power of 1.05 (at least 541 bytes), so the blob's
 * length tells the server the size only to within 5 %.
 */
export function paddedSize(size: number): number {
  const bucket = Math.floor(1.05 ** Math.ceil(Math.log(Math.max(size, 1)) / Math.log(1.05)));
  return Math.max(541, size, bucket);
}

/** The most a blob can weigh for a plaintext of `size` bytes (padding, IV, block padding, MAC). */
export const sealedSize = (size: number) => IV_BYTES + (Math.floor(paddedSize(size) / BLOCK) + 1) * BLOCK + MAC_BYTES;

export function encryptAttachment(plaintext: Uint8Array): SealedAttachment {
  const key = randomBytes(ATTACHMENT_KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-cbc', key.subarray(0, 32), iv);
  const padding = Buffer.alloc(paddedSize(plaintext.length) - plaintext.length);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.update(padding), cipher.final()]);
  const mac = createHmac('sha256', key.subarray(32)).update(iv).update(ciphertext).digest();
  const blob = Buffer.concat([iv, ciphertext, mac]);
  return { blob, key, digest: createHash('sha256').update(blob).digest(), size: plaintext.length };
}

/** The plaintext of `blob`, after checking its digest and MAC; throws AttachmentIntegrityError otherwise. */
export function decryptAttachment(blob: Uint8Array, p: { key: Uint8Array; digest: Uint8Array; size: number }): Buffer {
  if (p.key.length !== ATTACHMENT_KEY_BYTES) throw new AttachmentIntegrityError('the key is not 64 bytes');
  const body = blob.length - IV_BYTES - MAC_BYTES;
  if (body < BLOCK || body % BLOCK !== 0) throw new AttachmentIntegrityError('the blob has an impossible length');
  const digest = createHash('sha256').update(blob).digest();
  if (p.digest.length !== digest.length || !timingSafeEqual(digest, p.digest))
    throw new AttachmentIntegrityError('the digest does not match');
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  const iv = bytes.subarray(0, IV_BYTES);
  const ciphertext = bytes.subarray(IV_BYTES, IV_BYTES + body);
  const mac = createHmac('sha256', p.key.subarray(32)).update(iv).update(ciphertext).digest();
  if (!timingSafeEqual(mac, bytes.subarray(IV_BYTES + body)))
    throw new AttachmentIntegrityError('the MAC does not match');
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', p.key.subarray(0, 32), iv);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new AttachmentIntegrityError('the ciphertext does not decrypt');
  }
  if (!Number.isSafeInteger(p.size) || p.size < 0 || p.size > plaintext.length)
    throw new AttachmentIntegrityError('the size does not fit the blob');
  return plaintext.subarray(0, p.size);
}
