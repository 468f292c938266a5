// Suite `presence`: online/offline fan-out. N devices connected (half on each of two API nodes), each watched by 20
// others on the other node (so every change crosses nodes through Redis); a sample of them disconnect and reconnect,
// paced, and each watcher's Presence frame is timed from the moment the change was made. Baseline in the same run:
// a ping → pong round trip on the same connections (the gateway's floor for anything sent to a device). Then push:
// messages to devices connected nowhere, each woken through a Web Push receiver on loopback (presence/push.ts).
import { randomBytes } from 'node:crypto';
import { generateVapidKeys } from '@switchboard/devtools/vapid';
import { decodeServerFrame, encodeFrame } from '@switchboard/protocol';
import pg from 'pg';
import WebSocket from 'ws';
import { intFlag } from '../harness/flags';
import { percentile, round } from '../harness/stats';
import type { Suite } from '../types';
import { createDevices, type LoadDevice } from './core/accounts';
import { measurePush, pushFigures } from './presence/push';
import { startWorkers } from './webhooks/workers';

const WATCHERS = 20;

interface Conn {
  device: LoadDevice;
  ws?: WebSocket;
  onFrame?: (bytes: Buffer, at: number) => void;
}

function open(url: string, c: Conn): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/ws`, {
      headers: { authorization: c.device.authorization },
      perMessageDeflate: false,
    });
    ws.on('message', (data: Buffer) => c.onFrame?.(data, performance.now()));
    ws.once('open', () => resolve());
    ws.once('error', reject);
    c.ws = ws;
  });
}

const closed = (ws: WebSocket) => new Promise<void>((resolve) => ws.once('close', () => resolve()));

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export const presenceSuite: Suite = {
  name: 'presence',
  description: 'presence fan-out across two nodes: N devices each watched by 20, going offline and online',
  options: [
    { name: 'devices', description: 'connected devices (default 10,000; --quick 2,000)', takesValue: true },
    {
      name: 'flips',
      description: 'devices that go offline and online again (default 300; --quick 100)',
      takesValue: true,
    },
    { name: 'pushes', description: 'offline devices woken by a push (default 500; --quick 100)', takesValue: true },
  ],
  async run(ctx) {
    const count = intFlag(ctx, 'devices', ctx.quick ? 2_000 : 10_000, 30_000);
    const flips = Math.min(count, intFlag(ctx, 'flips', ctx.quick ? 100 : 300, 10_000));
    const env = await ctx.environment();
    const secretKey = `bench-presence-${randomBytes(24).toString('hex')}`;
    const pushes = intFlag(ctx, 'pushes', ctx.quick ? 100 : 500, 10_000);
    const vapid = generateVapidKeys();
    const nodeEnv = {
      SECRET_KEY: secretKey,
      LOG_LEVEL: 'warn',
      AUTH_FAILURES_PER_CLIENT_PER_MINUTE: '1000000',
      PUSH_VAPID_PUBLIC_KEY: vapid.publicKey,
      PUSH_VAPID_PRIVATE_KEY: vapid.privateKey,
      PUSH_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
    };
    const [a, b] = await Promise.all([
      ctx.startApi({ env: nodeEnv }),
      ctx.startApi({ env: nodeEnv }),
      // The worker sends the pushes; it starts while the API nodes do.
      startWorkers(1, env.processEnv(nodeEnv), { cleanups: ctx.cleanups, verbose: ctx.verbose, log: ctx.log }),
    ]);

    let t = performance.now();
    const devices = await createDevices(env.databaseUrl, secretKey, count);
    // Everyone lets everyone see online and last seen: what is measured is the fan-out, not the settings' filter.
    const db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    await db.query(
      `INSERT INTO "Profile" ("accountId", "onlineVisibility", "lastSeenVisibility", "updatedAt")
       SELECT unnest($1::uuid[]), 'everyone', 'everyone', now()`,
      [devices.map((d) => d.accountId)],
    );
    await db.end();
    ctx.log(`${count} devices written in ${round((performance.now() - t) / 1000, 1)} s`);

    // Even devices on node A, odd on node B; device i is watched by the 20 devices i+1, i+3, … (the other node).
    const conns: Conn[] = devices.map((device) => ({ device }));
    const urlOf = (i: number) => (i % 2 ? b.url : a.url);
    t = performance.now();
    await inBatches(
      conns.map((c, i) => [c, i] as const),
      100,
      ([c, i]) => open(urlOf(i), c),
    );
    ctx.cleanups.add('close the load connections', () => {
      for (const c of conns) c.ws?.terminate();
    });
    ctx.log(`${count} connections open in ${round((performance.now() - t) / 1000, 1)} s`);

    const watchedBy = (i: number) => Array.from({ length: WATCHERS }, (_, k) => (i + 1 + 2 * k) % count);
    const watching = new Map<number, string[]>();
    for (let i = 0; i < count; i++)
      for (const w of watchedBy(i)) watching.set(w, [...(watching.get(w) ?? []), devices[i]!.accountId]);
    // Every watcher gets one Presence frame per watched account at once: subscriptions are in place after them.
    let initial = 0;
    const expectedInitial = [...watching.values()].reduce((n, l) => n + l.length, 0);
    const allInitial = new Promise<void>((resolve) => {
      for (const c of conns) {
        c.onFrame = (bytes) => {
          if (bytes[0] === 0x50 && ++initial === expectedInitial) resolve();
        };
      }
    });
    t = performance.now();
    await inBatches([...watching], 200, async ([w, ids]) => {
      conns[w]!.ws!.send(encodeFrame({ t: 'presence_subscribe', accountIds: ids }));
    });
    await allInitial;
    ctx.log(`${expectedInitial} subscriptions answered in ${round((performance.now() - t) / 1000, 1)} s`);

    // Baseline: ping → pong on the watchers' connections, same machine, same moment.
    const rtts: number[] = [];
    await inBatches(
      conns.slice(0, Math.min(count, 1000)),
      50,
      (c) =>
        new Promise<void>((resolve) => {
          const sent = performance.now();
          c.onFrame = (bytes, at) => {
            if (bytes[0] !== 0x7f) return;
            rtts.push(at - sent);
            resolve();
          };
          c.ws!.send(encodeFrame({ t: 'ping', nonce: 1 }));
        }),
    );

    // The flips: paced, each device offline then online again; every watcher times each change it sees.
    const changedAt = new Map<string, number>(); // `account:online|offline` → when that change was made
    const latencies: number[] = [];
    const byKind = { online: [] as number[], offline: [] as number[] };
    let expected = 0;
    for (const c of conns) {
      c.onFrame = (bytes, at) => {
        if (bytes[0] !== 0x50) return;
        const f = decodeServerFrame(bytes);
        if (f.t !== 'presence') return;
        const since = changedAt.get(`${f.accountId}:${f.online ? 'online' : 'offline'}`);
        if (since === undefined) return;
        latencies.push(at - since);
        byKind[f.online ? 'online' : 'offline'].push(at - since);
      };
    }
    // Even devices only: their watchers are odd, so no watcher is itself away while a change it should see is made.
    const step = 2 * Math.max(1, Math.floor(count / (2 * flips)));
    const sample = Array.from({ length: flips }, (_, k) => (k * step) % count);
    const paceMs = 10;
    t = performance.now();
    await inBatches(sample, 10, async (i) => {
      const c = conns[i]!;
      changedAt.set(`${c.device.accountId}:offline`, performance.now());
      const gone = closed(c.ws!);
      c.ws!.close(1000, 'bench');
      await gone;
      expected += WATCHERS;
      await new Promise((r) => setTimeout(r, paceMs));
      changedAt.set(`${c.device.accountId}:online`, performance.now());
      await open(urlOf(i), c);
      expected += WATCHERS;
      await new Promise((r) => setTimeout(r, paceMs));
    });
    const deadline = performance.now() + 10_000;
    while (latencies.length < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const elapsed = (performance.now() - t) / 1000;
    ctx.log(`${flips} flips, ${latencies.length}/${expected} presence changes seen in ${round(elapsed, 1)} s`);
    if (latencies.length < expected) throw new Error(`${expected - latencies.length} presence changes never arrived`);

    t = performance.now();
    const senders = conns.map((c) => c.ws!);
    const push = await measurePush(ctx, env.databaseUrl, secretKey, senders, pushes);
    ctx.log(
      `${push.latencies.length}/${push.expected} pushes received in ${round((performance.now() - t) / 1000, 1)} s`,
    );
    if (push.latencies.length < push.expected)
      throw new Error(`${push.expected - push.latencies.length} pushes never arrived`);

    for (const list of [latencies, byKind.online, byKind.offline]) list.sort((x, y) => x - y);
    rtts.sort((x, y) => x - y);
    return {
      devices: count,
      watchers_per_device: WATCHERS,
      changes: expected,
      fanout_p50_ms: round(percentile(latencies, 50), 1),
      fanout_p99_ms: round(percentile(latencies, 99), 1),
      // Offline: from the device's close to the watchers' frames. Online: from the start of its connection (WebSocket
      // handshake and authentication included) to the watchers' frames.
      offline_p99_ms: round(percentile(byKind.offline, 99), 1),
      online_p99_ms: round(percentile(byKind.online, 99), 1),
      ping_p99_ms: round(percentile(rtts, 99), 1),
      fanout_p99_vs_ping_p99: round(percentile(latencies, 99) / percentile(rtts, 99), 2),
      pushes,
      // From a message's ✓ (stored) to its wake-up's arrival at the local Web Push receiver: the route lookup, the
      // queue, the worker and the HTTP request; push_store_p99_ms is the Send → ✓ before it.
      ...pushFigures(push),
    };
  },
};
