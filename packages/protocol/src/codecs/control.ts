import {
  type ErrorFrame,
  FrameType,
  type PingFrame,
  type PongFrame,
  type PreKeysLowFrame,
  type QueueEmptyFrame,
} from '../frames';
import { LIMITS } from '../limits';
import type { ByteReader } from '../reader';
import type { ByteWriter } from '../writer';
import type { Codec } from './codec';

// (no fields)
export const queueEmptyCodec: Codec<QueueEmptyFrame> = {
  type: FrameType.QueueEmpty,
  size: () => 1,
  encode() {},
  decode: () => ({ t: 'queue_empty' }),
};

// code · message
export const errorCodec: Codec<ErrorFrame> = {
  type: FrameType.Error,
  size: (f) => 8 + f.message.length,
  encode(f, w: ByteWriter) {
    w.varint(f.code, 'error.code', 999);
    w.string(f.message, 'error.message', LIMITS.maxStringBytes);
  },
  decode(r: ByteReader): ErrorFrame {
    return {
      t: 'error',
      code: r.varint('error.code', 999, 100),
      message: r.string('error.message', LIMITS.maxStringBytes),
    };
  },
};

// nonce: echoed by the pong, so a client can measure round trips.
export const pingCodec: Codec<PingFrame> = {
  type: FrameType.Ping,
  size: () => 10,
  encode: (f, w: ByteWriter) => void w.varint(f.nonce, 'ping.nonce'),
  decode: (r: ByteReader) => ({ t: 'ping', nonce: r.varint('ping.nonce') }),
};

export const pongCodec: Codec<PongFrame> = {
  type: FrameType.Pong,
  size: () => 10,
  encode: (f, w: ByteWriter) => void w.varint(f.nonce, 'pong.nonce'),
  decode: (r: ByteReader) => ({ t: 'pong', nonce: r.varint('pong.nonce') }),
};

// pre keys · kyber pre keys (the server keeps at most 1,000 of each)
export const preKeysLowCodec: Codec<PreKeysLowFrame> = {
  type: FrameType.PreKeysLow,
  size: () => 12,
  encode(f, w: ByteWriter) {
    w.varint(f.preKeys, 'prekeys_low.pre_keys', 100_000).varint(f.kyberPreKeys, 'prekeys_low.kyber_pre_keys', 100_000);
  },
  decode: (r: ByteReader) => ({
    t: 'prekeys_low',
    preKeys: r.varint('prekeys_low.pre_keys', 100_000),
    kyberPreKeys: r.varint('prekeys_low.kyber_pre_keys', 100_000),
  }),
};
