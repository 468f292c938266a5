import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { SNIFF_BYTES } from './sniff';

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file larger than ${limit} bytes`);
  }
}

/**
 * Passes an upload through unchanged while computing what the media object reports (sha256, size) and keeping its
 * first bytes for the content check — one pass, nothing buffered beyond SNIFF_BYTES. Fails the stream as soon as
 * it exceeds `maxBytes`, so an oversized upload is cut off rather than written in full.
 */
export class UploadInspector extends Transform {
  private readonly hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new TooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    if (this.headLength < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.headLength);
      this.headChunks.push(part);
      this.headLength += part.length;
    }
    done(null, chunk);
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks);
  }

  /** Hex, as the media object's `sha256`. Call once, after the stream finished. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
