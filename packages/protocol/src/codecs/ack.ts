import { type AckFrame, FrameType } from '../frames';
import { LIMITS } from '../limits';
import type { ByteReader } from '../reader';
import type { ByteWriter } from '../writer';
import type { Codec } from './codec';

// guids count · guid… (varints). One frame can ack a whole batch of a backlog.
export const ackCodec: Codec<AckFrame> = {
  type: FrameType.Ack,
  size: (f) => 4 + f.guids.length * 6,
  encode(f, w: ByteWriter) {
    w.count(f.guids.length, 'ack.guids', LIMITS.maxAcksPerFrame, 1);
    for (const g of f.guids) w.varint(g, 'ack.guid', Number.MAX_SAFE_INTEGER);
  },
  decode(r: ByteReader): AckFrame {
    const n = r.count('ack.guids', LIMITS.maxAcksPerFrame, 1);
    const guids: number[] = [];
    for (let i = 0; i < n; i++) guids.push(r.varint('ack.guid', Number.MAX_SAFE_INTEGER, 1));
    return { t: 'ack', guids };
  },
};
