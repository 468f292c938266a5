// Abusive devices: each opens a real connection, stops reading its socket (so whatever the gateway answers piles up on
// the server's side), and floods one kind of small frame as fast as its own send buffer lets it, until stopped.
import type { Socket } from 'node:net';
import { EnvelopeType, encodeFrame } from '@switchboard/protocol';
import WebSocket from 'ws';
import type { LoadDevice } from '../core/accounts';

export type AbuseKind = 'ping' | 'send' | 'receipt';

export interface Abuser {
  kind: AbuseKind;
  /** Frames handed to the socket so far. */
  frames: number;
  /** The close codes the gateway gave, one per connection it closed. */
  closes: number[];
  stop(): void;
}

// The flooder's own output is bounded too: past this much unsent data it waits for the server to read.
const CLIENT_BUFFER_CAP = 1024 * 1024;
const BLOCK_FRAMES = 512; // frames per write
const RECONNECT_MS = 200;

/**
 * BLOCK_FRAMES WebSocket messages, framed and masked (with a zero key) by hand, written with one call: the flood
 * then costs the bench process almost nothing, so what is measured is the server. Each frame has its own number.
 */
function block(kind: AbuseKind, victim: LoadDevice, first: number): Buffer {
  const parts: Buffer[] = [];
  for (let n = first; n < first + BLOCK_FRAMES; n++) {
    const payload = frameFor(kind, victim, n);
    if (payload.length > 125) throw new Error('abuse frames must fit a one-byte WebSocket length');
    parts.push(Buffer.from([0x82, 0x80 | payload.length, 0, 0, 0, 0]), payload);
  }
  return Buffer.concat(parts);
}

function frameFor(kind: AbuseKind, victim: LoadDevice, n: number): Buffer {
  switch (kind) {
    case 'ping':
      return Buffer.from(encodeFrame({ t: 'ping', nonce: n % 1000 }));
    case 'send':
      return Buffer.from(
        encodeFrame({
          t: 'send',
          id: BigInt(n),
          groups: [
            {
              accountId: victim.accountId,
              envelopes: [
                {
                  deviceId: victim.deviceId,
                  registrationId: victim.registrationId,
                  type: EnvelopeType.Whisper,
                  ciphertext: new Uint8Array(32),
                },
              ],
            },
          ],
        }),
      );
    case 'receipt':
      return Buffer.from(
        encodeFrame({
          t: 'read_receipt',
          id: BigInt(n),
          toAccountId: victim.accountId,
          messageIds: [BigInt(n)],
          upTo: 0,
        }),
      );
  }
}

/** Connects and floods; when the gateway closes it, it connects again a moment later and goes on, until stopped. */
export function startAbuser(wsUrl: string, device: LoadDevice, kind: AbuseKind, victim: LoadDevice): Promise<Abuser> {
  let running = true;
  let ws: WebSocket | undefined;
  const abuser: Abuser = {
    kind,
    frames: 0,
    closes: [],
    stop() {
      running = false;
      ws?.terminate();
    },
  };
  const connect = () =>
    new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(`${wsUrl}/v1/ws`, {
        headers: { authorization: device.authorization },
        perMessageDeflate: false,
      });
      ws = socket;
      const flood = () => {
        if (!running || socket.readyState !== WebSocket.OPEN) return;
        const tcp = (socket as unknown as { _socket: Socket })._socket;
        if (tcp.writableLength < CLIENT_BUFFER_CAP) {
          tcp.write(block(kind, victim, abuser.frames + 1));
          abuser.frames += BLOCK_FRAMES;
        }
        // A full buffer is retried a little later, so a stalled flooder costs the bench process no CPU.
        if (tcp.writableLength < CLIENT_BUFFER_CAP) setImmediate(flood);
        else setTimeout(flood, 5);
      };
      socket.once('open', () => {
        socket.pause(); // never read: the server's answers stay queued on its side
        resolve();
        flood();
      });
      socket.once('error', reject);
      socket.on('close', (code) => {
        if (!running) return;
        abuser.closes.push(code);
        setTimeout(() => void connect().catch(() => undefined), RECONNECT_MS);
      });
    });
  return connect().then(() => abuser);
}
