import { ProtocolError } from '../errors';
import {
  ENVELOPE_TYPES,
  type EnvelopeTypeCode,
  FrameType,
  type GroupDeliverFrame,
  type GroupEventFrame,
  type GroupRecipientDevice,
  type GroupSendFrame,
} from '../frames';
import { LIMITS } from '../limits';
import type { ByteReader } from '../reader';
import type { ByteWriter } from '../writer';
import type { Codec } from './codec';
import { encodeEnvelopeType, MAX_EXPIRES_IN_S } from './send';

// A distribution is `type u8 · ciphertext bytes`, type 0 and no bytes when there is none.
function writeDistribution(w: ByteWriter, d: GroupRecipientDevice['distribution'], field: string): void {
  if (!d) {
    w.u8(0).varint(0, field);
    return;
  }
  w.u8(encodeEnvelopeType(d.type, `${field}.type`));
  w.bytes(d.ciphertext, field, LIMITS.maxCiphertextBytes);
}

function readDistribution(r: ByteReader, field: string): GroupRecipientDevice['distribution'] {
  const type = r.u8(`${field}.type`);
  if (type === 0) {
    r.bytes(field, 0);
    return undefined;
  }
  if (!ENVELOPE_TYPES.has(type)) throw new ProtocolError('out_of_range', `${field}.type`);
  return { type: type as EnvelopeTypeCode, ciphertext: r.bytes(field, LIMITS.maxCiphertextBytes, 1) };
}

const EMPTY = new Uint8Array(0);
/** The devices digest's length: the first 16 bytes of a SHA-256 (groupDevicesDigest in the SDK and the server). */
export const DIGEST_BYTES = 16;
const MIN_DEVICE = 4; // deviceId, registrationId, distribution type, empty length
const MIN_MEMBER = 16 + 1 + MIN_DEVICE;

// id u64 · groupId 16 · ciphertext · devicesDigest bytes (0 or 16) · n× { accountId 16 · n× { deviceId ·
// registrationId · distribution } } · [expiresInS]. With a digest, the list names only the devices that get a
// distribution. expiresInS is an optional trailing field, as in Send: a frame without it is the same bytes as before.
export const groupSendCodec: Codec<GroupSendFrame> = {
  type: FrameType.GroupSend,
  size: (f) =>
    40 +
    f.ciphertext.length +
    f.members.reduce(
      (n, m) => n + 20 + m.devices.reduce((k, d) => k + 12 + (d.distribution?.ciphertext.length ?? 0), 0),
      0,
    ) +
    5,
  encode(f, w: ByteWriter) {
    w.u64(f.id, 'group_send.id');
    w.uuid(f.groupId, 'group_send.group');
    w.bytes(f.ciphertext, 'group_send.ciphertext', LIMITS.maxCiphertextBytes);
    w.bytes(f.devicesDigest ?? EMPTY, 'group_send.digest', DIGEST_BYTES);
    w.count(f.members.length, 'group_send.members', LIMITS.maxGroupMembers, f.devicesDigest ? 0 : 1);
    for (const m of f.members) {
      w.uuid(m.accountId, 'group_send.account');
      w.count(m.devices.length, 'group_send.devices', LIMITS.maxDevicesPerAccount, 1);
      for (const d of m.devices) {
        w.varint(d.deviceId, 'group_send.deviceId', LIMITS.maxDeviceId);
        w.varint(d.registrationId, 'group_send.registrationId', LIMITS.maxRegistrationId);
        writeDistribution(w, d.distribution, 'group_send.distribution');
      }
    }
    if (f.expiresInS !== undefined) w.varint(f.expiresInS, 'group_send.expiresInS', MAX_EXPIRES_IN_S);
  },
  decode(r: ByteReader): GroupSendFrame {
    const id = r.u64('group_send.id');
    const groupId = r.uuid('group_send.group');
    const ciphertext = r.bytes('group_send.ciphertext', LIMITS.maxCiphertextBytes, 1);
    const digest = r.bytes('group_send.digest', DIGEST_BYTES);
    if (digest.length && digest.length !== DIGEST_BYTES) throw new ProtocolError('out_of_range', 'group_send.digest');
    const n = r.count('group_send.members', LIMITS.maxGroupMembers, digest.length ? 0 : 1, MIN_MEMBER);
    const members: GroupSendFrame['members'] = [];
    const accounts = new Set<string>();
    for (let i = 0; i < n; i++) {
      const accountId = r.uuid('group_send.account');
      if (accounts.has(accountId)) throw new ProtocolError('duplicate', 'group_send.account');
      accounts.add(accountId);
      const k = r.count('group_send.devices', LIMITS.maxDevicesPerAccount, 1, MIN_DEVICE);
      const devices: GroupRecipientDevice[] = [];
      const seen = new Set<number>();
      for (let j = 0; j < k; j++) {
        const deviceId = r.varint('group_send.deviceId', LIMITS.maxDeviceId, 1);
        if (seen.has(deviceId)) throw new ProtocolError('duplicate', 'group_send.deviceId');
        seen.add(deviceId);
        const registrationId = r.varint('group_send.registrationId', LIMITS.maxRegistrationId);
        const distribution = readDistribution(r, 'group_send.distribution');
        devices.push({ deviceId, registrationId, ...(distribution && { distribution }) });
      }
      members.push({ accountId, devices });
    }
    const expiresInS = r.remaining > 0 ? r.varint('group_send.expiresInS', MAX_EXPIRES_IN_S, 1) : undefined;
    return {
      t: 'group_send',
      id,
      groupId,
      ciphertext,
      ...(digest.length && { devicesDigest: digest }),
      members,
      ...(expiresInS !== undefined && { expiresInS }),
    };
  },
};

// guid · senderAccountId 16 · senderDeviceId · serverTimestamp · messageId u64 · groupId 16 · ciphertext ·
// distribution. Starts like Deliver, so deliverSenderOf reads both.
export const groupDeliverCodec: Codec<GroupDeliverFrame> = {
  type: FrameType.GroupDeliver,
  size: (f) => 64 + f.ciphertext.length + (f.distribution?.ciphertext.length ?? 0),
  encode(f, w: ByteWriter) {
    w.varint(f.guid, 'group_deliver.guid');
    w.uuid(f.senderAccountId, 'group_deliver.sender');
    w.varint(f.senderDeviceId, 'group_deliver.senderDevice', LIMITS.maxDeviceId);
    w.varint(f.serverTimestamp, 'group_deliver.timestamp');
    w.u64(f.messageId, 'group_deliver.messageId');
    w.uuid(f.groupId, 'group_deliver.group');
    w.bytes(f.ciphertext, 'group_deliver.ciphertext', LIMITS.maxCiphertextBytes);
    writeDistribution(w, f.distribution, 'group_deliver.distribution');
  },
  decode(r: ByteReader): GroupDeliverFrame {
    const guid = r.varint('group_deliver.guid', Number.MAX_SAFE_INTEGER, 1);
    const senderAccountId = r.uuid('group_deliver.sender');
    const senderDeviceId = r.varint('group_deliver.senderDevice', LIMITS.maxDeviceId, 1);
    const serverTimestamp = r.varint('group_deliver.timestamp');
    const messageId = r.u64('group_deliver.messageId');
    const groupId = r.uuid('group_deliver.group');
    const ciphertext = r.bytes('group_deliver.ciphertext', LIMITS.maxCiphertextBytes, 1);
    const distribution = readDistribution(r, 'group_deliver.distribution');
    return {
      t: 'group_deliver',
      guid,
      senderAccountId,
      senderDeviceId,
      serverTimestamp,
      messageId,
      groupId,
      ciphertext,
      ...(distribution && { distribution }),
    };
  },
};

// guid · groupId 16 · seq · actorAccountId 16 · serverTimestamp · event bytes (JSON)
export const groupEventCodec: Codec<GroupEventFrame> = {
  type: FrameType.GroupEvent,
  size: (f) => 48 + f.event.length,
  encode(f, w: ByteWriter) {
    w.varint(f.guid, 'group_event.guid');
    w.uuid(f.groupId, 'group_event.group');
    w.varint(f.seq, 'group_event.seq');
    w.uuid(f.actorAccountId, 'group_event.actor');
    w.varint(f.serverTimestamp, 'group_event.timestamp');
    w.bytes(f.event, 'group_event.event', LIMITS.maxGroupEventBytes);
  },
  decode(r: ByteReader): GroupEventFrame {
    return {
      t: 'group_event',
      guid: r.varint('group_event.guid', Number.MAX_SAFE_INTEGER, 1),
      groupId: r.uuid('group_event.group'),
      seq: r.varint('group_event.seq', Number.MAX_SAFE_INTEGER, 1),
      actorAccountId: r.uuid('group_event.actor'),
      serverTimestamp: r.varint('group_event.timestamp'),
      event: r.bytes('group_event.event', LIMITS.maxGroupEventBytes, 2),
    };
  },
};
