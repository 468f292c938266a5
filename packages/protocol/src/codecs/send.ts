import { ProtocolError } from '../errors';
import { ENVELOPE_TYPES, type EnvelopeTypeCode, FrameType, type OutgoingEnvelope, type SendFrame } from '../frames';
import { LIMITS } from '../limits';
import type { ByteReader } from '../reader';
import type { ByteWriter } from '../writer';
import type { Codec } from './codec';

// id u64 · groups count · { accountId 16 · envelopes count · { deviceId · registrationId · type u8 · ciphertext } }
const MIN_ENVELOPE = 5; // 1-byte varints, type, 1-byte length, 1 byte of ciphertext
const MIN_GROUP = 16 + 1 + MIN_ENVELOPE;
/** A disappearing message's longest timer: a year and a day. */
export const MAX_EXPIRES_IN_S = 366 * 24 * 3600;

export function encodeEnvelopeType(type: number, field: string): EnvelopeTypeCode {
  if (!ENVELOPE_TYPES.has(type)) throw new ProtocolError('out_of_range', field);
  return type as EnvelopeTypeCode;
}

export const sendCodec: Codec<SendFrame> = {
  type: FrameType.Send,
  size: (f) =>
    24 + f.groups.reduce((n, g) => n + 20 + g.envelopes.reduce((m, e) => m + 12 + e.ciphertext.length, 0), 0),
  encode(f, w: ByteWriter) {
    w.u64(f.id, 'send.id');
    w.count(f.groups.length, 'send.groups', LIMITS.maxAccountsPerSend, 1);
    for (const g of f.groups) {
      w.uuid(g.accountId, 'send.account');
      w.count(g.envelopes.length, 'send.envelopes', LIMITS.maxDevicesPerAccount, 1);
      for (const e of g.envelopes) {
        w.varint(e.deviceId, 'send.deviceId', LIMITS.maxDeviceId);
        w.varint(e.registrationId, 'send.registrationId', LIMITS.maxRegistrationId);
        w.u8(encodeEnvelopeType(e.type, 'send.type'));
        w.bytes(e.ciphertext, 'send.ciphertext', LIMITS.maxCiphertextBytes);
      }
    }
    if (f.expiresInS !== undefined) w.varint(f.expiresInS, 'send.expiresInS', MAX_EXPIRES_IN_S);
  },
  decode(r: ByteReader): SendFrame {
    const id = r.u64('send.id');
    const groupCount = r.count('send.groups', LIMITS.maxAccountsPerSend, 1, MIN_GROUP);
    const groups = [];
    const accounts = new Set<string>();
    for (let i = 0; i < groupCount; i++) {
      const accountId = r.uuid('send.account');
      if (accounts.has(accountId)) throw new ProtocolError('duplicate', 'send.account');
      accounts.add(accountId);
      const n = r.count('send.envelopes', LIMITS.maxDevicesPerAccount, 1, MIN_ENVELOPE);
      const envelopes: OutgoingEnvelope[] = [];
      const devices = new Set<number>();
      for (let j = 0; j < n; j++) {
        const deviceId = r.varint('send.deviceId', LIMITS.maxDeviceId, 1);
        if (devices.has(deviceId)) throw new ProtocolError('duplicate', 'send.deviceId');
        devices.add(deviceId);
        const registrationId = r.varint('send.registrationId', LIMITS.maxRegistrationId);
        const type = r.u8('send.type');
        if (!ENVELOPE_TYPES.has(type)) throw new ProtocolError('out_of_range', 'send.type');
        const ciphertext = r.bytes('send.ciphertext', LIMITS.maxCiphertextBytes, 1);
        envelopes.push({ deviceId, registrationId, type: type as EnvelopeTypeCode, ciphertext });
      }
      groups.push({ accountId, envelopes });
    }
    const expiresInS = r.remaining > 0 ? r.varint('send.expiresInS', MAX_EXPIRES_IN_S, 1) : undefined;
    return { t: 'send', id, groups, ...(expiresInS !== undefined && { expiresInS }) };
  },
};
