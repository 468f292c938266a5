import { ProtocolError } from './errors';

// Lower case only: ids are compared as strings everywhere, so one spelling per id.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Account ids (UUIDs) travel as their 16 raw bytes, not as 36 characters of text. */
export function uuidToBytes(id: string, out: Uint8Array, at: number): void {
  if (id.length !== 36 || !UUID.test(id)) throw new ProtocolError('out_of_range', 'uuid');
  // Called for every frame on the hot path: read hex digits by char code, not through slices and parseInt.
  let j = 0;
  for (let i = 0; i < 16; i++) {
    if (j === 8 || j === 13 || j === 18 || j === 23) j++;
    out[at + i] = (nibble(id.charCodeAt(j)) << 4) | nibble(id.charCodeAt(j + 1));
    j += 2;
  }
}

function nibble(c: number): number {
  return c <= 57 ? c - 48 : c - 87; // '0'-'9', 'a'-'f' (the regex has checked)
}

export function bytesToUuid(bytes: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[bytes[at + i]!];
  }
  return s;
}

export function isUuid(id: string): boolean {
  return UUID.test(id);
}
