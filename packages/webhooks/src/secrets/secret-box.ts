import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for secrets Switchboard must be able to read back (a webhook app secret signs every POST, so it cannot
 * be hashed like an API key). The key is derived from SECRET_KEY with HKDF, one key per purpose, so the same
 * SECRET_KEY never serves as a raw key in two places. Sealed form: version ‖ 12-byte IV ‖ 16-byte tag ‖ ciphertext.
 * `context` (for example the subscription id) is bound as associated data: a sealed value copied onto another row
 * does not open there.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secretKey: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', secretKey, 'switchboard', `secret-box:${purpose}`, 32));
  }

  /** A plain Uint8Array (not a pooled Buffer), which is what Prisma's Bytes columns take. */
  seal(plaintext: string, context: string): Uint8Array<ArrayBuffer> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return new Uint8Array(Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]));
  }

  /** Throws when the value was sealed under another key or context, or was altered. */
  open(sealed: Uint8Array, context: string): string {
    const buf = Buffer.from(sealed);
    if (buf[0] !== VERSION || buf.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('unknown sealed secret format');
    const iv = buf.subarray(1, 1 + IV_BYTES);
    const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
