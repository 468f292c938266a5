// A holder: a process of its own (several share the fleet) that opens its range of the fleet's connections to one API
// node, from the loopback source addresses it is given, and then only holds them — answering pings (ws does) and
// acking what is delivered, noting for each delivery how long after its send it arrived (the send time travels in the
// opaque ciphertext). It speaks to the bench over IPC: `open` → `opened`, `report` → `latencies`.
import { decodeServerFrame, encodeFrame, FrameType } from '@switchboard/protocol';
import WebSocket from 'ws';
import { fleetDevice } from './fleet';

export type HolderCommand =
  | {
      t: 'open';
      wsUrl: string;
      seed: string;
      from: number;
      to: number;
      localAddresses: string[];
      /** Handshakes in flight at once in this process. */
      concurrency: number;
    }
  | { t: 'report' };

export type HolderReply =
  | { t: 'opened'; opened: number; failed: number; firstError?: string }
  | { t: 'latencies'; values: number[]; closed: number };

const ATTEMPTS = 3;
const now = () => performance.timeOrigin + performance.now();
const sockets: WebSocket[] = [];
const latencies: number[] = [];
let closed = 0;

function reply(message: HolderReply): void {
  process.send!(message);
}

/** One device's connection, resolved once the gateway says its (empty) backlog is delivered. */
function connect(url: string, authorization: string, localAddress: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { authorization }, perMessageDeflate: false, localAddress });
    let ready = false;
    ws.on('message', (data: Buffer) => {
      if (!ready) {
        if (data[0] !== FrameType.QueueEmpty) return;
        ready = true;
        resolve(ws);
        return;
      }
      if (data[0] !== FrameType.Deliver) return;
      const frame = decodeServerFrame(data);
      if (frame.t !== 'deliver') return;
      const c = frame.ciphertext;
      latencies.push(now() - Buffer.from(c.buffer, c.byteOffset, c.byteLength).readDoubleBE(0));
      ws.send(encodeFrame({ t: 'ack', guids: [frame.guid] }));
    });
    ws.once('error', (err) => {
      if (!ready) reject(err);
    });
    ws.once('close', (code) => {
      if (ready) closed++;
      else reject(new Error(`closed with ${code} before its backlog`));
    });
  });
}

async function open(command: Extract<HolderCommand, { t: 'open' }>): Promise<void> {
  let next = command.from;
  let failed = 0;
  let firstError: string | undefined;
  const url = `${command.wsUrl}/v1/ws`;
  const worker = async () => {
    for (let i = next++; i < command.to; i = next++) {
      const device = fleetDevice(command.seed, i);
      const localAddress = command.localAddresses[i % command.localAddresses.length]!;
      for (let attempt = 1; ; attempt++) {
        try {
          sockets.push(await connect(url, device.authorization, localAddress));
          break;
        } catch (err) {
          if (attempt < ATTEMPTS) continue;
          failed++;
          firstError ??= (err as Error).message;
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  reply({ t: 'opened', opened: sockets.length, failed, firstError });
}

process.on('message', (command: HolderCommand) => {
  if (command.t === 'open') void open(command);
  else reply({ t: 'latencies', values: latencies.splice(0), closed });
});
// The bench going away (its IPC channel closes) ends the holder and all its connections with it.
process.on('disconnect', () => process.exit(0));
