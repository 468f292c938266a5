// Profile fields sealed with the account's profile key: AES-256-GCM, so only devices that were given the key (the
// owner's contacts, inside Signal messages) can read them, and a field cannot be moved to another field or account
// unnoticed (both are the associated data). Plaintexts are zero-padded to a fixed size so lengths say nothing.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const PROFILE_KEY_BYTES = 32;
const NONCE = 12;
const TAG = 16;

export type ProfileField = 'name' | 'about' | 'photo';

/** Padded plaintext sizes (bytes of UTF-8): WhatsApp's limits (25-character names, 139-character about) fit. */
export const PADDED: Record<ProfileField, number> = { name: 128, about: 512, photo: 512 };

export class ProfileDecryptionError extends Error {
  constructor(field: ProfileField) {
    super(`profile ${field} does not open with this profile key`);
    this.name = 'ProfileDecryptionError';
  }
}

const aad = (field: ProfileField, accountId: string) => Buffer.from(`switchboard-profile:${field}:${accountId}`);

export function sealProfileField(key: Uint8Array, accountId: string, field: ProfileField, text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > PADDED[field] || bytes.includes(0)) {
    throw new RangeError(`profile ${field}: at most ${PADDED[field]} bytes of UTF-8, without NUL`);
  }
  const padded = Buffer.alloc(PADDED[field]);
  bytes.copy(padded);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(field, accountId));
  return Buffer.concat([nonce, cipher.update(padded), cipher.final(), cipher.getAuthTag()]);
}

export function openProfileField(key: Uint8Array, accountId: string, field: ProfileField, sealed: Uint8Array): string {
  const data = Buffer.from(sealed);
  if (data.length < NONCE + TAG) throw new ProfileDecryptionError(field);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE));
    decipher.setAAD(aad(field, accountId));
    decipher.setAuthTag(data.subarray(data.length - TAG));
    const padded = Buffer.concat([decipher.update(data.subarray(NONCE, data.length - TAG)), decipher.final()]);
    const end = padded.indexOf(0);
    return padded.subarray(0, end === -1 ? padded.length : end).toString('utf8');
  } catch {
    throw new ProfileDecryptionError(field);
  }
}
