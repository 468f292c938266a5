import { ProtocolError } from '../errors';
import { FrameType, type ReadReceiptFrame, type ReceiptFrame, ReceiptKind, type ReceiptKindCode } from '../frames';
import { LIMITS } from '../limits';
import type { ByteReader } from '../reader';
import type { ByteWriter } from '../writer';
import type { Codec } from './codec';

const KINDS: ReadonlySet<number> = new Set(Object.values(ReceiptKind));

/** messageIds count · messageId u64… · upTo. Shared by both receipt frames, and stored as a receipt's body. */
export function writeReceiptBody(w: ByteWriter, messageIds: bigint[], upTo: number, field: string): void {
  if (messageIds.length === 0 && upTo === 0) throw new ProtocolError('bad_count', `${field}.messageIds`);
  w.count(messageIds.length, `${field}.messageIds`, LIMITS.maxReceiptIds);
  for (const id of messageIds) w.u64(id, `${field}.messageId`);
  w.varint(upTo, `${field}.upTo`);
}

export function readReceiptBody(r: ByteReader, field: string): { messageIds: bigint[]; upTo: number } {
  const n = r.count(`${field}.messageIds`, LIMITS.maxReceiptIds, 0, 8);
  const messageIds: bigint[] = [];
  for (let i = 0; i < n; i++) messageIds.push(r.u64(`${field}.messageId`));
  const upTo = r.varint(`${field}.upTo`);
  // A receipt that says nothing is malformed rather than a no-op to store.
  if (n === 0 && upTo === 0) throw new ProtocolError('bad_count', `${field}.messageIds`);
  return { messageIds, upTo };
}

// id u64 · toAccountId 16 · body
export const readReceiptCodec: Codec<ReadReceiptFrame> = {
  type: FrameType.ReadReceipt,
  size: (f) => 36 + f.messageIds.length * 8,
  encode(f, w: ByteWriter) {
    w.u64(f.id, 'read_receipt.id');
    w.uuid(f.toAccountId, 'read_receipt.to');
    writeReceiptBody(w, f.messageIds, f.upTo, 'read_receipt');
  },
  decode(r: ByteReader): ReadReceiptFrame {
    const id = r.u64('read_receipt.id');
    const toAccountId = r.uuid('read_receipt.to');
    return { t: 'read_receipt', id, toAccountId, ...readReceiptBody(r, 'read_receipt') };
  },
};

// guid · kind u8 · fromAccountId 16 · fromDeviceId · serverTimestamp · body
export const receiptCodec: Codec<ReceiptFrame> = {
  type: FrameType.Receipt,
  size: (f) => 44 + f.messageIds.length * 8,
  encode(f, w: ByteWriter) {
    w.varint(f.guid, 'receipt.guid');
    if (!KINDS.has(f.kind)) throw new ProtocolError('out_of_range', 'receipt.kind');
    w.u8(f.kind);
    w.uuid(f.fromAccountId, 'receipt.from');
    w.varint(f.fromDeviceId, 'receipt.fromDevice', LIMITS.maxDeviceId);
    w.varint(f.serverTimestamp, 'receipt.timestamp');
    writeReceiptBody(w, f.messageIds, f.upTo, 'receipt');
  },
  decode(r: ByteReader): ReceiptFrame {
    const guid = r.varint('receipt.guid', Number.MAX_SAFE_INTEGER, 1);
    const kind = r.u8('receipt.kind');
    if (!KINDS.has(kind)) throw new ProtocolError('out_of_range', 'receipt.kind');
    const fromAccountId = r.uuid('receipt.from');
    const fromDeviceId = r.varint('receipt.fromDevice', LIMITS.maxDeviceId, 1);
    const serverTimestamp = r.varint('receipt.timestamp');
    const body = readReceiptBody(r, 'receipt');
    return { t: 'receipt', guid, kind: kind as ReceiptKindCode, fromAccountId, fromDeviceId, serverTimestamp, ...body };
  },
};
