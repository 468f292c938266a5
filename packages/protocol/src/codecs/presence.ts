import {
  FrameType,
  type PeerTypingFrame,
  type PresenceFrame,
  type PresenceSubscribeFrame,
  type TypingFrame,
  type TypingStateCode,
} from '../frames';
import { LIMITS } from '../limits';
import type { ByteReader } from '../reader';
import type { ByteWriter } from '../writer';
import type { Codec } from './codec';

const state = (r: ByteReader, field: string) => r.varint(field, 2) as TypingStateCode;

// n× accountId (0 = watch nobody)
export const presenceSubscribeCodec: Codec<PresenceSubscribeFrame> = {
  type: FrameType.PresenceSubscribe,
  size: (f) => 3 + f.accountIds.length * 16,
  encode(f, w: ByteWriter) {
    w.count(f.accountIds.length, 'presence_subscribe.accounts', LIMITS.maxPresenceSubscriptions);
    for (const id of f.accountIds) w.uuid(id, 'presence_subscribe.account');
  },
  decode(r: ByteReader): PresenceSubscribeFrame {
    const n = r.count('presence_subscribe.accounts', LIMITS.maxPresenceSubscriptions, 0, 16);
    const accountIds: string[] = [];
    for (let i = 0; i < n; i++) accountIds.push(r.uuid('presence_subscribe.account'));
    return { t: 'presence_subscribe', accountIds };
  },
};

// toAccountId · state v (0 stopped, 1 typing, 2 recording)
export const typingCodec: Codec<TypingFrame> = {
  type: FrameType.Typing,
  size: () => 18,
  encode(f, w: ByteWriter) {
    w.uuid(f.toAccountId, 'typing.to').varint(f.state, 'typing.state', 2);
  },
  decode: (r: ByteReader) => ({ t: 'typing', toAccountId: r.uuid('typing.to'), state: state(r, 'typing.state') }),
};

// accountId · online u8 · lastSeen v (ms, 0 = online, unknown or hidden)
export const presenceCodec: Codec<PresenceFrame> = {
  type: FrameType.Presence,
  size: () => 26,
  encode(f, w: ByteWriter) {
    w.uuid(f.accountId, 'presence.account')
      .u8(f.online ? 1 : 0)
      .varint(f.lastSeen, 'presence.last_seen');
  },
  decode(r: ByteReader): PresenceFrame {
    const accountId = r.uuid('presence.account');
    const online = r.varint('presence.online', 1) === 1;
    return { t: 'presence', accountId, online, lastSeen: r.varint('presence.last_seen') };
  },
};

// fromAccountId · fromDeviceId v · state v
export const peerTypingCodec: Codec<PeerTypingFrame> = {
  type: FrameType.PeerTyping,
  size: () => 24,
  encode(f, w: ByteWriter) {
    w.uuid(f.fromAccountId, 'peer_typing.from').varint(f.fromDeviceId, 'peer_typing.device', LIMITS.maxDeviceId);
    w.varint(f.state, 'peer_typing.state', 2);
  },
  decode: (r: ByteReader): PeerTypingFrame => ({
    t: 'peer_typing',
    fromAccountId: r.uuid('peer_typing.from'),
    fromDeviceId: r.varint('peer_typing.device', LIMITS.maxDeviceId, 1),
    state: state(r, 'peer_typing.state'),
  }),
};
