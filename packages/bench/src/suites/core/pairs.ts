// The two ends of a 1:1 conversation under load, against the gateway or against the bare forwarder. Both speak the
// same frames: the sender sends a Send frame with a pre-made ciphertext, and counts a message done when the
// delivery receipt for its id comes back.
import {
  type ClientFrame,
  decodeClientFrame,
  decodeServerFrame,
  EnvelopeType,
  encodeFrame,
  ReceiptKind,
} from '@switchboard/protocol';
import WebSocket from 'ws';
import type { LoadDevice } from './accounts';

export interface Pair {
  /** Sends message number `seq` (unique per pair for the whole run). */
  send(seq: number): void;
  /** Set by the load driver: the delivery receipt for `seq` reached the sender. */
  onDone: (seq: number) => void;
  errors: number;
  /** The first few refusals' texts (code and message), to say what went wrong. */
  errorTexts: string[];
  /** Largest Deliver frame overhead seen by the recipient (gateway only): frame bytes minus ciphertext bytes. */
  deliverOverhead: number;
  close(): void;
}

const CIPHERTEXT = new Uint8Array(160).fill(0xa5); // a short text's Whisper message is about this size

/** The Send frame once, with its 8-byte id patched per message (bytes 1-8), so the load costs little CPU. */
function sendTemplate(to: LoadDevice): Buffer {
  const frame = encodeFrame({
    t: 'send',
    id: 0n,
    groups: [
      {
        accountId: to.accountId,
        envelopes: [
          {
            deviceId: to.deviceId,
            registrationId: to.registrationId,
            type: EnvelopeType.Whisper,
            ciphertext: CIPHERTEXT,
          },
        ],
      },
    ],
  });
  return Buffer.from(frame);
}

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Acks of one tick go out as one frame, as the SDK sends them. */
function acker(ws: WebSocket): (guid: number) => void {
  let queued: number[] = [];
  return (guid) => {
    if (queued.push(guid) > 1) return;
    setImmediate(() => {
      const guids = queued;
      queued = [];
      if (ws.readyState === WebSocket.OPEN) ws.send(encodeFrame({ t: 'ack', guids } as ClientFrame));
    });
  };
}

export async function gatewayPair(wsUrl: string, from: LoadDevice, to: LoadDevice): Promise<Pair> {
  const [s, r] = await Promise.all([
    open(`${wsUrl}/v1/ws`, { authorization: from.authorization }),
    open(`${wsUrl}/v1/ws`, { authorization: to.authorization }),
  ]);
  const template = sendTemplate(to);
  const ackS = acker(s);
  const ackR = acker(r);
  const pair: Pair = {
    onDone: () => {},
    errors: 0,
    errorTexts: [],
    deliverOverhead: 0,
    send(seq) {
      const frame = Buffer.from(template);
      frame.writeBigUInt64BE(BigInt(seq), 1);
      s.send(frame);
    },
    close() {
      s.terminate();
      r.terminate();
    },
  };
  s.on('message', (data: Buffer) => {
    const f = decodeServerFrame(data);
    if (f.t === 'receipt') {
      ackS(f.guid);
      if (f.kind === ReceiptKind.Delivered) for (const id of f.messageIds) pair.onDone(Number(id));
    } else if (f.t === 'send_error' || f.t === 'error') {
      if (pair.errors++ < 5) pair.errorTexts.push(`${f.t} ${f.code} ${f.message}`);
    }
  });
  r.on('message', (data: Buffer) => {
    const f = decodeServerFrame(data);
    if (f.t === 'deliver') {
      pair.deliverOverhead = Math.max(pair.deliverOverhead, data.length - f.ciphertext.length);
      ackR(f.guid);
    }
  });
  return pair;
}

export async function forwarderPair(wsUrl: string, index: number, to: LoadDevice): Promise<Pair> {
  const [s, r] = await Promise.all([
    open(`${wsUrl}/v1/ws?pair=${index}&role=s`),
    open(`${wsUrl}/v1/ws?pair=${index}&role=r`),
  ]);
  const template = sendTemplate(to);
  const pair: Pair = {
    onDone: () => {},
    errors: 0,
    errorTexts: [],
    deliverOverhead: 0,
    send(seq) {
      const frame = Buffer.from(template);
      frame.writeBigUInt64BE(BigInt(seq), 1);
      s.send(frame);
    },
    close() {
      s.terminate();
      r.terminate();
    },
  };
  // The recipient answers each message with a receipt frame, as the gateway would send it to the sender.
  r.on('message', (data: Buffer) => {
    const f = decodeClientFrame(data);
    if (f.t !== 'send') return;
    r.send(
      encodeFrame({
        t: 'receipt',
        guid: 1,
        kind: ReceiptKind.Delivered,
        fromAccountId: to.accountId,
        fromDeviceId: to.deviceId,
        serverTimestamp: Date.now(),
        messageIds: [f.id],
        upTo: 0,
      }),
    );
  });
  s.on('message', (data: Buffer) => {
    const f = decodeServerFrame(data);
    if (f.t === 'receipt') for (const id of f.messageIds) pair.onDone(Number(id));
  });
  return pair;
}
