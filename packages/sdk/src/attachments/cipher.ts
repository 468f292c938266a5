// Attachment encryption the way Signal does it: a random 64-byte key per attachment (32 bytes AES-256-CBC, 32 bytes
// HMAC-SHA256), blob = iv ‖ ciphertext ‖ HMAC(iv ‖ ciphertext), digest = SHA-256 of the whole blob. The key and
// digest travel inside the Signal-encrypted message; the server stores the blob and never learns either.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

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

/**
 * The encryption of one attachment, fed in pieces: `update` and `final` return blob bytes in order (IV first, MAC
 * last); `digest` is set once `final` ran. Shared by encryptAttachment (bytes) and AttachmentEncryptor (a stream).
 */
class Sealer {
  readonly key = randomBytes(ATTACHMENT_KEY_BYTES);
  private readonly iv = randomBytes(IV_BYTES);
  private readonly cipher = createCipheriv('aes-256-cbc', this.key.subarray(0, 32), this.iv);
  private readonly mac = createHmac('sha256', this.key.subarray(32));
  private readonly hash = createHash('sha256');
  private started = false;
  size = 0;
  digest?: Buffer;

  update(plaintext: Uint8Array): Buffer[] {
    this.size += plaintext.length;
    return [...this.start(), this.seal(this.cipher.update(plaintext))];
  }

  final(): Buffer[] {
    const out = this.start();
    // Zero padding up to the size bucket, in bounded pieces (up to 5 % of 100 MB).
    for (let left = paddedSize(this.size) - this.size; left > 0; left -= 65_536)
      out.push(this.seal(this.cipher.update(Buffer.alloc(Math.min(left, 65_536)))));
    out.push(this.seal(this.cipher.final()));
    const mac = this.mac.digest();
    this.hash.update(mac);
    this.digest = this.hash.digest();
    out.push(mac);
    return out;
  }

  private start(): Buffer[] {
    if (this.started) return [];
    this.started = true;
    return [this.seal(this.iv)];
  }

  /** Blob bytes before the MAC: covered by both the MAC and the digest. */
  private seal(bytes: Buffer): Buffer {
    this.mac.update(bytes);
    this.hash.update(bytes);
    return bytes;
  }
}

export function encryptAttachment(plaintext: Uint8Array): SealedAttachment {
  const sealer = new Sealer();
  const blob = Buffer.concat([...sealer.update(plaintext), ...sealer.final()]);
  return { blob, key: sealer.key, digest: sealer.digest!, size: sealer.size };
}

/**
 * encryptAttachment as a stream (Node): plaintext in, blob out, nothing buffered beyond a cipher block. `sealed()`
 * gives key, digest and size once the stream has ended.
 */
export class AttachmentEncryptor extends Transform {
  private readonly sealer = new Sealer();

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    for (const b of this.sealer.update(chunk)) this.push(b);
    done();
  }

  override _flush(done: TransformCallback): void {
    for (const b of this.sealer.final()) this.push(b);
    done();
  }

  sealed(): Omit<SealedAttachment, 'blob'> {
    if (!this.sealer.digest) throw new Error('the attachment stream has not ended');
    return { key: this.sealer.key, digest: this.sealer.digest, size: this.sealer.size };
  }
}

interface Expected {
  key: Uint8Array;
  digest: Uint8Array;
  size: number;
}

function checkKey(p: Expected): void {
  if (p.key.length !== ATTACHMENT_KEY_BYTES) throw new AttachmentIntegrityError('the key is not 64 bytes');
  if (!Number.isSafeInteger(p.size) || p.size < 0) throw new AttachmentIntegrityError('the size is not a byte count');
}

/** The plaintext of `blob`, after checking its digest and MAC; throws AttachmentIntegrityError otherwise. */
export function decryptAttachment(blob: Uint8Array, p: Expected): Buffer {
  checkKey(p);
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
  if (p.size > plaintext.length) throw new AttachmentIntegrityError('the size does not fit the blob');
  return plaintext.subarray(0, p.size);
}

/**
 * decryptAttachment as a stream (Node): blob in, plaintext out. Plaintext flows before the end of the blob is seen,
 * so the digest and MAC are only known to be right when the stream ends without error: write the output somewhere
 * provisional (a temporary file) and use it only after 'finish'. A bad blob fails the stream with
 * AttachmentIntegrityError.
 */
export class AttachmentDecryptor extends Transform {
  private readonly hash = createHash('sha256');
  private readonly mac: ReturnType<typeof createHmac>;
  private decipher?: ReturnType<typeof createDecipheriv>;
  private pending = Buffer.alloc(0); // bytes not yet known to be ciphertext: the IV at first, and the last 32 (MAC)
  private total = 0;
  private emitted = 0;

  constructor(private readonly expected: Expected) {
    super();
    checkKey(expected);
    this.mac = createHmac('sha256', expected.key.subarray(32));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.total += chunk.length;
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (!this.decipher) {
      if (data.length < IV_BYTES + MAC_BYTES) {
        this.pending = Buffer.from(data);
        done();
        return;
      }
      const iv = data.subarray(0, IV_BYTES);
      this.mac.update(iv);
      this.decipher = createDecipheriv('aes-256-cbc', this.expected.key.subarray(0, 32), iv);
      data = data.subarray(IV_BYTES);
    }
    const cut = Math.max(0, data.length - MAC_BYTES);
    this.pending = Buffer.from(data.subarray(cut));
    const ciphertext = data.subarray(0, cut);
    this.mac.update(ciphertext);
    this.out(this.decipher.update(ciphertext));
    done();
  }

  override _flush(done: TransformCallback): void {
    try {
      this.verify();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private verify(): void {
    const body = this.total - IV_BYTES - MAC_BYTES;
    if (!this.decipher || body < BLOCK || body % BLOCK !== 0)
      throw new AttachmentIntegrityError('the blob has an impossible length');
    const digest = this.hash.digest();
    if (this.expected.digest.length !== digest.length || !timingSafeEqual(digest, this.expected.digest))
      throw new AttachmentIntegrityError('the digest does not match');
    if (!timingSafeEqual(this.mac.digest(), this.pending)) throw new AttachmentIntegrityError('the MAC does not match');
    let last: Buffer;
    try {
      last = this.decipher.final();
    } catch {
      throw new AttachmentIntegrityError('the ciphertext does not decrypt');
    }
    this.out(last);
    if (this.emitted < this.expected.size) throw new AttachmentIntegrityError('the size does not fit the blob');
  }

  /** Plaintext up to `size`; the padding after it is dropped. */
  private out(plaintext: Buffer): void {
    const take = Math.min(plaintext.length, this.expected.size - this.emitted);
    if (take > 0) this.push(plaintext.subarray(0, take));
    this.emitted += Math.max(take, 0);
  }
}
