import { ackCodec } from './codecs/ack';
import type { Codec } from './codecs/codec';
import { errorCodec, pingCodec, pongCodec, preKeysLowCodec, queueEmptyCodec } from './codecs/control';
import { deliverCodec } from './codecs/deliver';
import { groupDeliverCodec, groupEventCodec, groupSendCodec } from './codecs/group';
import { peerTypingCodec, presenceCodec, presenceSubscribeCodec, typingCodec } from './codecs/presence';
import { readReceiptBody, readReceiptCodec, receiptCodec, writeReceiptBody } from './codecs/receipt';
import { sendCodec } from './codecs/send';
import { sendErrorCodec, sendOkCodec } from './codecs/send-result';
import { ProtocolError } from './errors';
import type { ClientFrame, Frame, ServerFrame } from './frames';
import { ByteReader } from './reader';
import { ByteWriter } from './writer';

type AnyCodec = Codec<Frame>;
const byTag = {
  send: sendCodec,
  ack: ackCodec,
  read_receipt: readReceiptCodec,
  presence_subscribe: presenceSubscribeCodec,
  typing: typingCodec,
  group_send: groupSendCodec,
  send_ok: sendOkCodec,
  send_error: sendErrorCodec,
  deliver: deliverCodec,
  receipt: receiptCodec,
  queue_empty: queueEmptyCodec,
  error: errorCodec,
  presence: presenceCodec,
  peer_typing: peerTypingCodec,
  group_deliver: groupDeliverCodec,
  group_event: groupEventCodec,
  prekeys_low: preKeysLowCodec,
  ping: pingCodec,
  pong: pongCodec,
} satisfies { [K in Frame['t']]: Codec<Extract<Frame, { t: K }>> };

const CLIENT_TAGS: ClientFrame['t'][] = [
  'send',
  'ack',
  'read_receipt',
  'group_send',
  'presence_subscribe',
  'typing',
  'ping',
  'pong',
];
const SERVER_TAGS: ServerFrame['t'][] = [
  'send_ok',
  'send_error',
  'deliver',
  'receipt',
  'queue_empty',
  'error',
  'presence',
  'peer_typing',
  'group_deliver',
  'group_event',
  'prekeys_low',
  'ping',
  'pong',
];

function table(tags: Frame['t'][]): (AnyCodec | undefined)[] {
  const t: (AnyCodec | undefined)[] = new Array(256);
  for (const tag of tags) t[byTag[tag].type] = byTag[tag] as AnyCodec;
  return t;
}
const CLIENT = table(CLIENT_TAGS);
const SERVER = table(SERVER_TAGS);

export function encodeFrame(frame: Frame): Uint8Array {
  const codec = byTag[frame.t] as AnyCodec;
  const w = new ByteWriter(codec.size(frame));
  w.u8(codec.type);
  codec.encode(frame, w);
  return w.finish();
}

function decodeWith(bytes: Uint8Array, codecs: (AnyCodec | undefined)[]): Frame {
  if (bytes.length === 0) throw new ProtocolError('empty', 'type');
  const codec = codecs[bytes[0]!];
  if (!codec) throw new ProtocolError('unknown_frame', 'type');
  const r = new ByteReader(bytes.subarray(1));
  const frame = codec.decode(r);
  r.end();
  return frame;
}

/** What the server accepts from a device: server → client frame types are refused as unknown. */
export function decodeClientFrame(bytes: Uint8Array): ClientFrame {
  return decodeWith(bytes, CLIENT) as ClientFrame;
}

/** What a device accepts from the server. */
export function decodeServerFrame(bytes: Uint8Array): ServerFrame {
  return decodeWith(bytes, SERVER) as ServerFrame;
}

/** A stored receipt's body: its message ids and "read up to" timestamp, in the receipt frames' own layout. */
export function encodeReceiptBody(messageIds: bigint[], upTo: number): Uint8Array {
  const w = new ByteWriter(8 + messageIds.length * 8);
  writeReceiptBody(w, messageIds, upTo, 'receipt');
  return w.finish();
}

export function decodeReceiptBody(bytes: Uint8Array): { messageIds: bigint[]; upTo: number } {
  const r = new ByteReader(bytes);
  const body = readReceiptBody(r, 'receipt');
  r.end();
  return body;
}
