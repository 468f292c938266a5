import { encodeFrame } from './codec';
import { EnvelopeType } from './frames';

/**
 * Bytes a text message costs beyond its ciphertext, in the larger of its two frames (Send with one recipient device,
 * Deliver), with realistic worst-case field sizes: a 5-byte guid (up to 34 billion stored envelopes), a millisecond
 * timestamp, a ciphertext of 128+ bytes (2-byte length). WebSocket framing adds 2-4 bytes server → client and 6-8
 * client → server on top; it is the transport's, not the schema's. Called by the test and the `core` benchmark.
 */
export function envelopeOverheadBytes(ciphertextLength = 160): number {
  const ciphertext = new Uint8Array(ciphertextLength).fill(0xab);
  const account = 'f3b0c442-98fc-4c14-9afb-f4c8996fb924';
  const deliver = encodeFrame({
    t: 'deliver',
    guid: 2 ** 35 - 1,
    senderAccountId: account,
    senderDeviceId: 1,
    serverTimestamp: Date.now(),
    messageId: 0xffff_ffff_ffff_ffffn,
    type: EnvelopeType.Whisper,
    ciphertext,
  });
  const send = encodeFrame({
    t: 'send',
    id: 0xffff_ffff_ffff_ffffn,
    groups: [{ accountId: account, envelopes: [{ deviceId: 1, registrationId: 16383, type: 2, ciphertext }] }],
  });
  return Math.max(deliver.length, send.length) - ciphertextLength;
}
