import type { ByteReader } from '../reader';
import type { ByteWriter } from '../writer';

/** One frame type's layout. The type byte is written and read by the dispatcher (codec table), not here. */
export interface Codec<F> {
  type: number;
  /** A guess at the encoded size, so the writer rarely grows. */
  size(frame: F): number;
  encode(frame: F, w: ByteWriter): void;
  decode(r: ByteReader): F;
}
