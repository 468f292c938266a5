import { type DeviceMismatch, FrameType, type SendErrorFrame, type SendOkFrame } from '../frames';
import { LIMITS } from '../limits';
import type { ByteReader } from '../reader';
import type { ByteWriter } from '../writer';
import type { Codec } from './codec';

// id u64 · serverTimestamp
export const sendOkCodec: Codec<SendOkFrame> = {
  type: FrameType.SendOk,
  size: () => 16,
  encode(f, w: ByteWriter) {
    w.u64(f.id, 'send_ok.id');
    w.varint(f.serverTimestamp, 'send_ok.timestamp');
  },
  decode(r: ByteReader): SendOkFrame {
    return { t: 'send_ok', id: r.u64('send_ok.id'), serverTimestamp: r.varint('send_ok.timestamp') };
  },
};

function writeIds(w: ByteWriter, ids: number[], field: string) {
  w.count(ids.length, field, LIMITS.maxMismatchIds);
  for (const id of ids) w.varint(id, field, LIMITS.maxDeviceId);
}

function readIds(r: ByteReader, field: string): number[] {
  const n = r.count(field, LIMITS.maxMismatchIds);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(r.varint(field, LIMITS.maxDeviceId, 1));
  return ids;
}

// id u64 · code · message · mismatches count · { accountId 16 · missing ids · extra ids · stale ids }
export const sendErrorCodec: Codec<SendErrorFrame> = {
  type: FrameType.SendError,
  size: (f) => 32 + f.message.length + f.mismatches.length * 24,
  encode(f, w: ByteWriter) {
    w.u64(f.id, 'send_error.id');
    w.varint(f.code, 'send_error.code', 999);
    w.string(f.message, 'send_error.message', LIMITS.maxStringBytes);
    w.count(f.mismatches.length, 'send_error.mismatches', LIMITS.maxGroupMembers);
    for (const m of f.mismatches) {
      w.uuid(m.accountId, 'send_error.account');
      writeIds(w, m.missing, 'send_error.missing');
      writeIds(w, m.extra, 'send_error.extra');
      writeIds(w, m.stale, 'send_error.stale');
    }
  },
  decode(r: ByteReader): SendErrorFrame {
    const id = r.u64('send_error.id');
    const code = r.varint('send_error.code', 999, 100);
    const message = r.string('send_error.message', LIMITS.maxStringBytes);
    const n = r.count('send_error.mismatches', LIMITS.maxGroupMembers, 0, 19);
    const mismatches: DeviceMismatch[] = [];
    for (let i = 0; i < n; i++) {
      const accountId = r.uuid('send_error.account');
      const missing = readIds(r, 'send_error.missing');
      const extra = readIds(r, 'send_error.extra');
      const stale = readIds(r, 'send_error.stale');
      mismatches.push({ accountId, missing, extra, stale });
    }
    return { t: 'send_error', id, code, message, mismatches };
  },
};
