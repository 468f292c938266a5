// The probe: a few more devices of the fleet, connected from the bench process, send messages at a steady pace to
// random idle devices, each through the sender it has a chat with (seed.ts); several senders, so that no one
// connection's own budget of pending sends is what the latency measures. Each ciphertext starts with its send time
// (ms, float64), which the holder that receives it subtracts from its own clock (same machine, same wall clock).
import { decodeServerFrame, EnvelopeType, ErrorCode, encodeFrame } from '@switchboard/protocol';
import WebSocket from 'ws';
import { fleetDevice } from './fleet';

const PADDING = 152; // with the 8-byte send time, a short text's Whisper message
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RETRY_MS = 100;

export interface ProbeResult {
  sent: number;
  stored: number;
  /** Sends answered 503 and sent again (each counts once per answer). */
  retried: number;
  refused: string[];
}

function connect(url: string, authorization: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { authorization }, perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export async function probe(options: {
  wsUrl: string;
  seed: string;
  /** Targets are devices [0, fleet); the senders are the `senders` devices after them. */
  fleet: number;
  senders: number;
  ratePerS: number;
  durationMs: number;
}): Promise<ProbeResult> {
  const result: ProbeResult = { sent: 0, stored: 0, retried: 0, refused: [] };
  const sockets = await Promise.all(
    Array.from({ length: options.senders }, (_, k) =>
      connect(`${options.wsUrl}/v1/ws`, fleetDevice(options.seed, options.fleet + k).authorization),
    ),
  );
  // Sends not yet stored, by id, to be sent again after a 503 (not stored, try again) as any client does.
  const unanswered = new Map<bigint, { ws: WebSocket; frame: Uint8Array }>();
  for (const ws of sockets) {
    ws.on('message', (data: Buffer) => {
      const f = decodeServerFrame(data);
      if (f.t === 'send_ok') {
        unanswered.delete(f.id);
        result.stored++;
      } else if (f.t === 'send_error' && f.code === ErrorCode.Unavailable) {
        const again = unanswered.get(f.id);
        result.retried++;
        if (again) setTimeout(() => again.ws.send(again.frame), RETRY_MS);
      } else if (f.t === 'send_error' || f.t === 'error') {
        result.refused.push(`${f.t} ${f.code} ${f.message}`);
      } else if (f.t === 'receipt') {
        ws.send(encodeFrame({ t: 'ack', guids: [f.guid] }));
      }
    });
  }
  const t0 = performance.now();
  while (performance.now() - t0 < options.durationMs) {
    const due = Math.floor(((performance.now() - t0) / 1000) * options.ratePerS);
    for (; result.sent < due; result.sent++) {
      const target = Math.floor(Math.random() * options.fleet);
      const to = fleetDevice(options.seed, target);
      const ciphertext = Buffer.alloc(8 + PADDING, 0xa5);
      ciphertext.writeDoubleBE(now(), 0);
      const ws = sockets[target % options.senders]!;
      const id = BigInt(result.sent + 1);
      const frame = encodeFrame({
        t: 'send',
        id,
        groups: [
          {
            accountId: to.accountId,
            envelopes: [{ deviceId: 1, registrationId: to.registrationId, type: EnvelopeType.Whisper, ciphertext }],
          },
        ],
      });
      unanswered.set(id, { ws, frame });
      ws.send(frame);
    }
    await sleep(2);
  }
  for (let waited = 0; result.stored + result.refused.length < result.sent && waited < 15_000; waited += 50) {
    await sleep(50);
  }
  for (const ws of sockets) ws.close();
  return result;
}
