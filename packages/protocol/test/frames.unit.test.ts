import { describe, expect, it } from 'vitest';
import {
  decodeClientFrame,
  decodeReceiptBody,
  decodeServerFrame,
  EnvelopeType,
  encodeFrame,
  encodeReceiptBody,
  type Frame,
  FrameType,
  ProtocolError,
  ReceiptKind,
} from '../src/index';

const A = '0b7e3c1e-5a8d-4f0e-9c4b-2d1f6a7e8b90';
const B = 'ffffffff-0000-4000-8000-000000000001';
const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

const clientFrames: Frame[] = [
  {
    t: 'send',
    id: 0x0123_4567_89ab_cdefn,
    groups: [
      {
        accountId: A,
        envelopes: [
          { deviceId: 1, registrationId: 16383, type: EnvelopeType.PreKey, ciphertext: bytes(300) },
          { deviceId: 4, registrationId: 1, type: EnvelopeType.Whisper, ciphertext: bytes(1) },
        ],
      },
      {
        accountId: B,
        envelopes: [{ deviceId: 2, registrationId: 77, type: EnvelopeType.Whisper, ciphertext: bytes(90) }],
      },
    ],
  },
  { t: 'ack', guids: [1, 127, 128, 2 ** 35, Number.MAX_SAFE_INTEGER] },
  { t: 'read_receipt', id: 9n, toAccountId: B, messageIds: [1n, 0xffff_ffff_ffff_ffffn], upTo: 0 },
  { t: 'read_receipt', id: 10n, toAccountId: B, messageIds: [], upTo: 1_763_900_000_000 },
  { t: 'presence_subscribe', accountIds: [A, B] },
  { t: 'presence_subscribe', accountIds: [] },
  { t: 'typing', toAccountId: B, state: 2 },
  { t: 'ping', nonce: 0 },
  { t: 'pong', nonce: 300 },
];

const serverFrames: Frame[] = [
  { t: 'send_ok', id: 5n, serverTimestamp: 1_763_900_000_123 },
  {
    t: 'send_error',
    id: 5n,
    code: 409,
    message: 'mismatched devices',
    mismatches: [{ accountId: A, missing: [3], extra: [7, 8], stale: [] }],
  },
  {
    t: 'deliver',
    guid: 42,
    senderAccountId: A,
    senderDeviceId: 2,
    serverTimestamp: 1_763_900_000_123,
    messageId: 77n,
    type: EnvelopeType.Whisper,
    ciphertext: bytes(120),
  },
  {
    t: 'receipt',
    guid: 43,
    kind: ReceiptKind.Read,
    fromAccountId: B,
    fromDeviceId: 1,
    serverTimestamp: 1,
    messageIds: [77n],
    upTo: 5,
  },
  { t: 'queue_empty' },
  { t: 'presence', accountId: A, online: true, lastSeen: 0 },
  { t: 'presence', accountId: B, online: false, lastSeen: 1_763_900_000_000 },
  { t: 'peer_typing', fromAccountId: A, fromDeviceId: 3, state: 1 },
  { t: 'error', code: 400, message: 'malformed frame: truncated at send.id' },
  { t: 'prekeys_low', preKeys: 3, kyberPreKeys: 0 },
  { t: 'ping', nonce: 1 },
];

describe('protocol frames', () => {
  it.each(clientFrames.map((f) => [f.t, f] as const))('round-trips client frame %s', (_t, frame) => {
    expect(decodeClientFrame(encodeFrame(frame))).toEqual(frame);
  });

  it.each(serverFrames.map((f) => [f.t, f] as const))('round-trips server frame %s', (_t, frame) => {
    expect(decodeServerFrame(encodeFrame(frame))).toEqual(frame);
  });

  it('refuses frames of the other direction as unknown', () => {
    expect(() => decodeClientFrame(encodeFrame(serverFrames[2]!))).toThrow(ProtocolError);
    expect(() => decodeServerFrame(encodeFrame(clientFrames[0]!))).toThrow(/unknown_frame/);
  });

  it('refuses every truncation of every frame with a ProtocolError', () => {
    for (const frame of [...clientFrames, ...serverFrames]) {
      const full = encodeFrame(frame);
      const decode = clientFrames.includes(frame) ? decodeClientFrame : decodeServerFrame;
      for (let n = 0; n < full.length; n++) {
        // queue_empty is complete at one byte; everything else needs all its bytes.
        expect(() => decode(full.subarray(0, n)), `${frame.t} cut at ${n}`).toThrow(ProtocolError);
      }
    }
  });

  it('refuses trailing bytes', () => {
    const ok = encodeFrame({ t: 'ack', guids: [1] });
    expect(() => decodeClientFrame(Uint8Array.of(...ok, 0))).toThrow(/trailing_bytes/);
  });

  it('refuses overlong and oversized varints', () => {
    expect(() => decodeClientFrame(Uint8Array.of(FrameType.Ack, 1, 0x81, 0x00))).toThrow(/bad_varint/);
    const tooLong = Uint8Array.of(FrameType.Ack, 1, ...new Array(9).fill(0xff), 0x01);
    expect(() => decodeClientFrame(tooLong)).toThrow(/bad_varint/);
  });

  it('refuses zero guids, empty lists, unknown envelope types, duplicates and impossible counts', () => {
    expect(() => decodeClientFrame(Uint8Array.of(FrameType.Ack, 1, 0))).toThrow(/out_of_range/);
    expect(() => decodeClientFrame(Uint8Array.of(FrameType.Ack, 0))).toThrow(/bad_count/);
    const send = encodeFrame(clientFrames[0]!);
    const dup = encodeFrame({
      t: 'send',
      id: 1n,
      groups: [
        { accountId: A, envelopes: [{ deviceId: 1, registrationId: 1, type: 2, ciphertext: bytes(3) }] },
        { accountId: A, envelopes: [{ deviceId: 2, registrationId: 1, type: 2, ciphertext: bytes(3) }] },
      ],
    });
    expect(() => decodeClientFrame(dup)).toThrow(/duplicate/);
    const badType = send.slice();
    badType[1 + 8 + 1 + 16 + 1 + 1 + 2] = 9; // first envelope's type byte
    expect(() => decodeClientFrame(badType)).toThrow(/out_of_range at send.type/);
    // A count of a million envelopes in a 40-byte frame is refused before anything is allocated.
    const huge = Uint8Array.of(FrameType.Ack, 0xc0, 0x84, 0x3d, 1);
    expect(() => decodeClientFrame(huge)).toThrow(/bad_count/);
  });

  it('carries a disappearing send’s timer as an optional trailing field; without it the bytes are as before', () => {
    const plain = clientFrames[0] as Extract<Frame, { t: 'send' }>;
    const timed = { ...plain, expiresInS: 86_400 };
    expect(decodeClientFrame(encodeFrame(timed))).toEqual(timed);
    expect(decodeClientFrame(encodeFrame(plain))).not.toHaveProperty('expiresInS');
    expect(encodeFrame(timed).slice(0, encodeFrame(plain).length)).toEqual(encodeFrame(plain));
    expect(() => decodeClientFrame(Uint8Array.of(...encodeFrame(plain), 0))).toThrow(/send\.expiresInS/);
  });

  it('carries a disappearing group send’s timer as an optional trailing field, as Send does', () => {
    const plain: Frame = {
      t: 'group_send',
      id: 9n,
      groupId: B,
      ciphertext: bytes(40),
      members: [{ accountId: A, devices: [{ deviceId: 2, registrationId: 77 }] }],
    };
    const timed = { ...plain, expiresInS: 30 };
    expect(decodeClientFrame(encodeFrame(timed))).toEqual(timed);
    expect(decodeClientFrame(encodeFrame(plain))).toEqual(plain);
    expect(decodeClientFrame(encodeFrame(plain))).not.toHaveProperty('expiresInS');
    expect(encodeFrame(timed).slice(0, encodeFrame(plain).length)).toEqual(encodeFrame(plain));
    expect(encodeFrame(timed).length).toBe(encodeFrame(plain).length + 1);
    expect(() => decodeClientFrame(Uint8Array.of(...encodeFrame(plain), 0))).toThrow(/group_send\.expiresInS/);
    expect(() => encodeFrame({ ...plain, expiresInS: 366 * 24 * 3600 + 1 })).toThrow(/group_send\.expiresInS/);
  });

  it('refuses to encode what it could not decode', () => {
    expect(() => encodeFrame({ t: 'ack', guids: [] })).toThrow(/bad_count/);
    expect(() => encodeFrame({ t: 'send', id: 1n, groups: [{ accountId: 'not-a-uuid', envelopes: [] }] })).toThrow(
      ProtocolError,
    );
  });

  it('survives random garbage with ProtocolErrors only', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 20_000; i++) {
      const buf = new Uint8Array(rnd() % 64);
      for (let j = 0; j < buf.length; j++) buf[j] = rnd() & 0xff;
      if (buf.length) buf[0] = [1, 2, 3, 0x7e, 0x7f][rnd() % 5]!;
      try {
        decodeClientFrame(buf);
      } catch (err) {
        expect(err).toBeInstanceOf(ProtocolError);
      }
    }
  });

  it('stores receipt bodies in the frames’ own layout', () => {
    expect(decodeReceiptBody(encodeReceiptBody([1n, 2n], 3))).toEqual({ messageIds: [1n, 2n], upTo: 3 });
    expect(() => encodeReceiptBody([], 0)).toThrow(/bad_count/);
  });
});
