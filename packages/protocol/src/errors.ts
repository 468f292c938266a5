/** Why a frame was refused. Stable strings: the server logs them and tests assert on them. */
export type ProtocolErrorReason =
  | 'empty' // a zero-length frame
  | 'unknown_frame' // the first byte names no frame type (or one not allowed in this direction)
  | 'truncated' // a field runs past the end of the frame
  | 'trailing_bytes' // bytes left over after the last field
  | 'bad_varint' // longer than 10 bytes, overlong (non-canonical) or above the field's range
  | 'out_of_range' // a well-formed number outside what the field allows
  | 'bad_count' // a list that is empty where it must not be, or longer than its cap
  | 'too_large' // a byte field above its cap
  | 'duplicate' // the same account or device twice where each must be unique
  | 'bad_string'; // not valid UTF-8

/** Thrown by every decoder on malformed input; never thrown for well-formed frames. */
export class ProtocolError extends Error {
  constructor(
    readonly reason: ProtocolErrorReason,
    readonly field: string,
  ) {
    super(`malformed frame: ${reason} at ${field}`);
    this.name = 'ProtocolError';
  }
}
