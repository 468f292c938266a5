import { ProtocolError } from './errors';
import { uuidToBytes } from './uuid';

const encoder = new TextEncoder();

/**
 * Appends fields to a growing buffer. Encoders check ranges too: a frame that our own code could not decode must never
 * leave the process.
 */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  constructor(sizeHint = 64) {
    this.buf = new Uint8Array(sizeHint);
    this.view = new DataView(this.buf.buffer);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(value: number): this {
    this.room(1);
    this.buf[this.pos++] = value;
    return this;
  }

  /** Unsigned LEB128, up to 2^53 - 1 (JavaScript's exact integers): 1 byte below 128, 6 bytes for a ms timestamp. */
  varint(value: number, field: string, max = Number.MAX_SAFE_INTEGER): this {
    if (!Number.isInteger(value) || value < 0 || value > max) throw new ProtocolError('out_of_range', field);
    this.room(8);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
    return this;
  }

  /** Message ids: 64 random bits, fixed 8 bytes big-endian (a varint of random bits would take 10). */
  u64(value: bigint, field: string): this {
    if (value < 0n || value > 0xffff_ffff_ffff_ffffn) throw new ProtocolError('out_of_range', field);
    this.room(8);
    this.view.setBigUint64(this.pos, value);
    this.pos += 8;
    return this;
  }

  uuid(id: string, field: string): this {
    this.room(16);
    try {
      uuidToBytes(id, this.buf, this.pos);
    } catch {
      throw new ProtocolError('out_of_range', field);
    }
    this.pos += 16;
    return this;
  }

  /** A list length, with the same bounds the decoder enforces. */
  count(n: number, field: string, max: number, min = 0): this {
    if (n > max || n < min) throw new ProtocolError('bad_count', field);
    return this.varint(n, field);
  }

  /** Length-prefixed bytes. */
  bytes(value: Uint8Array, field: string, max: number): this {
    if (value.length > max) throw new ProtocolError('too_large', field);
    this.varint(value.length, field);
    this.room(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  string(value: string, field: string, max: number): this {
    return this.bytes(encoder.encode(value), field, max);
  }

  /** A view of what was written (no copy). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
