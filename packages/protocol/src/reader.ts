import { ProtocolError } from './errors';
import { bytesToUuid } from './uuid';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads fields strictly: every read checks the remaining length, varints must be canonical (no padding bytes) and
 * within the field's range, and `end()` refuses leftovers. Byte fields are views into the frame, not copies.
 */
export class ByteReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  u8(field: string): number {
    if (this.pos >= this.buf.length) throw new ProtocolError('truncated', field);
    return this.buf[this.pos++]!;
  }

  varint(field: string, max = Number.MAX_SAFE_INTEGER, min = 0): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (i >= 8) throw new ProtocolError('bad_varint', field); // 8 × 7 bits covers 2^53
      const byte = this.u8(field);
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        // A last byte of 0 after other bytes is padding: the same number has a shorter encoding.
        if (byte === 0 && i > 0) throw new ProtocolError('bad_varint', field);
        break;
      }
      scale *= 0x80;
    }
    if (value > Number.MAX_SAFE_INTEGER) throw new ProtocolError('bad_varint', field);
    if (value > max || value < min) throw new ProtocolError('out_of_range', field);
    return value;
  }

  u64(field: string): bigint {
    if (this.remaining < 8) throw new ProtocolError('truncated', field);
    const v = this.view.getBigUint64(this.pos);
    this.pos += 8;
    return v;
  }

  uuid(field: string): string {
    if (this.remaining < 16) throw new ProtocolError('truncated', field);
    const id = bytesToUuid(this.buf, this.pos);
    this.pos += 16;
    return id;
  }

  bytes(field: string, max: number, min = 0): Uint8Array {
    const length = this.varint(field);
    if (length > max) throw new ProtocolError('too_large', field);
    if (length < min) throw new ProtocolError('out_of_range', field);
    if (length > this.remaining) throw new ProtocolError('truncated', field);
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  string(field: string, max: number): string {
    try {
      return decoder.decode(this.bytes(field, max));
    } catch (err) {
      if (err instanceof ProtocolError) throw err;
      throw new ProtocolError('bad_string', field);
    }
  }

  /**
   * A list length. Each element takes at least `minElementBytes`, so a count the rest of the frame cannot hold is
   * refused before anyone allocates for it.
   */
  count(field: string, max: number, min = 0, minElementBytes = 1): number {
    const n = this.varint(field);
    if (n > max || n < min) throw new ProtocolError('bad_count', field);
    if (n * minElementBytes > this.remaining) throw new ProtocolError('truncated', field);
    return n;
  }

  end(): void {
    if (this.pos !== this.buf.length) throw new ProtocolError('trailing_bytes', 'end');
  }
}
