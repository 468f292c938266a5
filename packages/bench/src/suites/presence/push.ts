// The presence suite's push half: devices that are connected nowhere, each with a Web Push subscription on a local
// receiving endpoint (a real HTTP server on loopback, as a browser vendor's push service would be); connected devices
// send each of them one message, paced; each push is timed from its message's ✓ (SendOk: stored) to its arrival, and
// the store itself (Send frame → SendOk) is reported beside it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeServerFrame, EnvelopeType, encodeFrame, FrameType } from '@switchboard/protocol';
import pg from 'pg';
import type WebSocket from 'ws';
import { percentile, round } from '../../harness/stats';
import type { SuiteContext } from '../../types';
import { createDevices, type LoadDevice } from '../core/accounts';

const CIPHERTEXT = new Uint8Array(160).fill(0xa5);

/** A Web Push service on loopback: answers 201 and notes when each subscription's push arrived. */
async function receiver(onPush: (index: number, at: number) => void) {
  const server = createServer((req, res) => {
    const at = performance.now();
    req.resume();
    req.on('end', () => {
      const index = Number(/^\/push\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
      onPush(index, at);
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * `count` offline devices, each sent one message by `senders[i]` (connected, on either node); resolves the push
 * latencies in ms (SendOk received → push received) and the store's (Send → SendOk), sorted. The API nodes and a worker must run with
 * PUSH_ALLOWED_PRIVATE_HOSTS=127.0.0.1 and a VAPID pair.
 */
export async function measurePush(
  ctx: SuiteContext,
  databaseUrl: string,
  secretKey: string,
  senders: WebSocket[],
  count: number,
): Promise<{ latencies: number[]; stores: number[]; expected: number }> {
  const arrived = new Map<number, number>();
  const { server, url } = await receiver((i, at) => {
    if (!arrived.has(i)) arrived.set(i, at);
  });
  ctx.cleanups.add('close the push receiver', () => new Promise<void>((r) => server.close(() => r())));
  const targets = await createDevices(databaseUrl, secretKey, count);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    `INSERT INTO "PushSubscription" ("accountId", "deviceId", provider, endpoint, "updatedAt")
     SELECT unnest($1::uuid[]), 1, 'webpush', unnest($2::text[]), now()`,
    [targets.map((t) => t.accountId), targets.map((_, i) => `${url}/push/${i}`)],
  );
  await db.end();

  const sentAt: number[] = [];
  const storedAt: number[] = [];
  const onAnswer = (data: Buffer) => {
    if (data[0] !== FrameType.SendOk) return;
    const f = decodeServerFrame(data);
    if (f.t === 'send_ok') storedAt[Number(f.id) - 1] ??= performance.now();
  };
  for (const ws of new Set(senders.slice(0, count))) ws.on('message', onAnswer);
  const send = (ws: WebSocket, to: LoadDevice, i: number) => {
    const frame = encodeFrame({
      t: 'send',
      id: BigInt(i + 1),
      groups: [
        {
          accountId: to.accountId,
          envelopes: [
            { deviceId: 1, registrationId: to.registrationId, type: EnvelopeType.Whisper, ciphertext: CIPHERTEXT },
          ],
        },
      ],
    });
    sentAt[i] = performance.now();
    ws.send(frame);
  };
  // Paced (10 every 20 ms): what is measured is the path of one message, not a queue of thousands.
  for (let i = 0; i < count; i += 10) {
    for (let k = i; k < Math.min(count, i + 10); k++) send(senders[k % senders.length]!, targets[k]!, k);
    await new Promise((r) => setTimeout(r, 20));
  }
  const deadline = performance.now() + 15_000;
  while (arrived.size < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const ws of new Set(senders.slice(0, count))) ws.off('message', onAnswer);
  // A push may beat the SendOk back to its sender (both leave after the commit): those count as 0 ms.
  const latencies = [...arrived]
    .filter(([i]) => i >= 0)
    .map(([i, at]) => Math.max(0, at - (storedAt[i] ?? sentAt[i]!)));
  const stores = storedAt.flatMap((at, i) => (at === undefined ? [] : [at - sentAt[i]!]));
  for (const list of [latencies, stores]) list.sort((a, b) => a - b);
  return { latencies, stores, expected: count };
}

export const pushFigures = ({ latencies, stores }: { latencies: number[]; stores: number[] }) => ({
  push_p50_ms: round(percentile(latencies, 50), 1),
  push_p99_ms: round(percentile(latencies, 99), 1),
  push_store_p99_ms: round(percentile(stores, 99), 1),
});
