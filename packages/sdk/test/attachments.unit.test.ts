import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseConfig } from '@switchboard/config';
import { describe, expect, it } from 'vitest';
import {
  AttachmentDecryptor,
  AttachmentEncryptor,
  AttachmentIntegrityError,
  decryptAttachment,
  encryptAttachment,
  paddedSize,
  sealedSize,
} from '../src';

/** Runs `input` (in chunks of `chunk` bytes) through a stream and collects what comes out. */
async function through(stream: NodeJS.ReadWriteStream, input: Buffer, chunk = 1000): Promise<Buffer> {
  const parts: Buffer[] = [];
  const pieces = Array.from({ length: Math.ceil(input.length / chunk) }, (_, i) =>
    input.subarray(i * chunk, (i + 1) * chunk),
  );
  await pipeline(
    Readable.from(pieces),
    stream,
    new Writable({
      write(c, _e, done) {
        parts.push(c);
        done();
      },
    }),
  );
  return Buffer.concat(parts);
}

const rehash = (blob: Buffer) => createHash('sha256').update(blob).digest();

describe('attachment encryption (Signal scheme: AES-256-CBC + HMAC-SHA256, padded, SHA-256 digest)', () => {
  it('round-trips, pads to size buckets, and hides the plaintext', () => {
    for (const size of [0, 1, 540, 541, 4096, 100_000]) {
      const plaintext = randomBytes(size);
      const sealed = encryptAttachment(plaintext);
      expect(sealed.key).toHaveLength(64);
      expect(sealed.size).toBe(size);
      expect(sealed.blob.length).toBe(sealedSize(size));
      expect(sealed.blob.length).toBeGreaterThan(541 + 16 + 32); // at least the smallest bucket, IV and MAC
      expect(Buffer.from(sealed.digest).equals(rehash(Buffer.from(sealed.blob)))).toBe(true);
      expect(decryptAttachment(sealed.blob, sealed).equals(plaintext)).toBe(true);
    }
    expect(paddedSize(1_000_000)).toBeGreaterThanOrEqual(1_000_000);
    expect(paddedSize(1_000_000)).toBeLessThanOrEqual(1_050_000);
    // Two encryptions of one file share nothing (fresh key and IV).
    const a = encryptAttachment(Buffer.alloc(2000, 1));
    const b = encryptAttachment(Buffer.alloc(2000, 1));
    expect(Buffer.from(a.blob).equals(Buffer.from(b.blob))).toBe(false);
  });

  it('the largest media file fits ATTACHMENT_MAX_BYTES by default', () => {
    const max = parseConfig({}).core.attachments.maxBytes;
    expect(sealedSize(100 * 1024 * 1024)).toBeLessThanOrEqual(max);
  });

  it('refuses a blob whose digest, MAC, length or size is wrong', () => {
    const sealed = encryptAttachment(randomBytes(3000));
    const blob = Buffer.from(sealed.blob);
    const reject = (b: Buffer, p = sealed) => {
      expect(() => decryptAttachment(b, p)).toThrow(AttachmentIntegrityError);
    };
    const flipped = Buffer.from(blob);
    flipped[100] = flipped[100]! ^ 0x80;
    reject(flipped); // digest
    reject(flipped, { ...sealed, digest: rehash(flipped) }); // the digest re-made: the MAC still catches it
    reject(blob.subarray(0, blob.length - 16), { ...sealed, digest: rehash(blob.subarray(0, blob.length - 16)) });
    reject(blob, { ...sealed, key: Buffer.alloc(64, 1) });
    reject(blob, { ...sealed, key: Buffer.alloc(32, 1) });
    reject(blob, { ...sealed, size: 1_000_000 });
  });

  it('streams both ways with the same format, and a stream of a bad blob fails before it ends', async () => {
    const plaintext = randomBytes(70_001);
    const encryptor = new AttachmentEncryptor();
    const blob = await through(encryptor, plaintext, 777);
    const sealed = encryptor.sealed();
    expect(sealed.size).toBe(plaintext.length);
    expect(decryptAttachment(blob, sealed).equals(plaintext)).toBe(true);
    for (const chunk of [1, 17, 48, 4096, 1_000_000])
      expect((await through(new AttachmentDecryptor(sealed), blob, chunk)).equals(plaintext)).toBe(true);

    const bad = Buffer.from(blob);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 1;
    await expect(through(new AttachmentDecryptor(sealed), bad)).rejects.toThrow(/digest/);
    await expect(through(new AttachmentDecryptor({ ...sealed, digest: rehash(bad) }), bad)).rejects.toThrow(/MAC/);
    await expect(through(new AttachmentDecryptor(sealed), blob.subarray(0, 40))).rejects.toBeInstanceOf(
      AttachmentIntegrityError,
    );
  });
});
