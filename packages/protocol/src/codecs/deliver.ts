import { ProtocolError } from '../errors';
import { type DeliverFrame, ENVELOPE_TYPES, type EnvelopeTypeCode, FrameType } from '../frames';
import { LIMITS } from '../limits';
import { ByteReader } from '../reader';
import type { ByteWriter } from '../writer';
import type { Codec } from './codec';
import { encodeEnvelopeType } from './send';

// guid · senderAccountId 16 · senderDeviceId · serverTimestamp · messageId u64 · type u8 · ciphertext
// The hot frame: about 38 bytes around the ciphertext (see overhead.ts).
export const deliverCodec: Codec<DeliverFrame> = {
  type: FrameType.Deliver,
  size: (f) => 44 + f.ciphertext.length,
  encode(f, w: ByteWriter) {
    w.varint(f.guid, 'deliver.guid');
    w.uuid(f.senderAccountId, 'deliver.sender');
    w.varint(f.senderDeviceId, 'deliver.senderDevice', LIMITS.maxDeviceId);
    w.varint(f.serverTimestamp, 'deliver.timestamp');
    w.u64(f.messageId, 'deliver.messageId');
    w.u8(encodeEnvelopeType(f.type, 'deliver.type'));
    w.bytes(f.ciphertext, 'deliver.ciphertext', LIMITS.maxCiphertextBytes);
  },
  decode(r: ByteReader): DeliverFrame {
    const guid = r.varint('deliver.guid', Number.MAX_SAFE_INTEGER, 1);
    const senderAccountId = r.uuid('deliver.sender');
    const senderDeviceId = r.varint('deliver.senderDevice', LIMITS.maxDeviceId, 1);
    const serverTimestamp = r.varint('deliver.timestamp');
    const messageId = r.u64('deliver.messageId');
    const type = r.u8('deliver.type');
    if (!ENVELOPE_TYPES.has(type)) throw new ProtocolError('out_of_range', 'deliver.type');
    const ciphertext = r.bytes('deliver.ciphertext', LIMITS.maxCiphertextBytes, 1);
    return {
      t: 'deliver',
      guid,
      senderAccountId,
      senderDeviceId,
      serverTimestamp,
      messageId,
      type: type as EnvelopeTypeCode,
      ciphertext,
    };
  },
};

/**
 * The sender account of an encoded Deliver or GroupDeliver frame without decoding the rest (the gateway notes it for
 * every delivery, to know whose delivery receipt an ack will earn). Undefined for any other frame type.
 */
export function deliverSenderOf(frame: Uint8Array): string | undefined {
  if (frame[0] !== FrameType.Deliver && frame[0] !== FrameType.GroupDeliver) return undefined;
  const r = new ByteReader(frame.subarray(1));
  r.varint('deliver.guid');
  return r.uuid('deliver.sender');
}
