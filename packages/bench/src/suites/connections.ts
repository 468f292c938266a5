// Suite `connections`: how many idle devices one API node holds, and what each costs it. A fleet of devices is seeded
// straight into the bench database (connections/seed.ts), then every one of them authenticates over a real WebSocket
// and reads its (empty) backlog, opened by holder processes — not the API's, so the RSS measured is the node's alone —
// from several loopback source addresses (each has its own ~28,000 ephemeral ports). Measured: connections per second
// until all are open, the node's RSS per connection above the same node empty, and the latency of messages sent to
// random idle devices while all are connected (send → Deliver at the device).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { intFlag } from '../harness/flags';
import { fmt } from '../harness/log';
import { percentile, round } from '../harness/stats';
import type { Suite } from '../types';
import { fileLimitUpTo } from './connections/file-limit';
import { type Holder, startHolders } from './connections/holders';
import { probe } from './connections/probe';
import { seedFleet } from './connections/seed';

const PER_HOLDER = 32_000; // client connections per holder process, at most
const SPARE_FILES = 1_000; // descriptors a node needs besides its devices' sockets (Postgres, Redis, files)
const PER_ADDRESS = 25_000; // of the 28,232 ephemeral ports a source address has by default
const HANDSHAKES_IN_FLIGHT = 64; // per holder
const PROBE_SENDERS = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
}

export const connectionsSuite: Suite = {
  name: 'connections',
  description: 'idle authenticated devices on one API node: RSS per connection, connect rate, p99 of a message to one',
  options: [
    { name: 'devices', description: 'idle devices to connect (default 250,000, quick 20,000)', takesValue: true },
    { name: 'rate', description: 'probe messages per second to random idle devices (default 20)', takesValue: true },
    { name: 'duration', description: 'seconds of probing (default 20, quick 5)', takesValue: true },
  ],
  async run(ctx) {
    const wanted = intFlag(ctx, 'devices', ctx.quick ? 20_000 : 250_000, 1_000_000);
    const rate = intFlag(ctx, 'rate', 20, 10_000);
    const durationMs = intFlag(ctx, 'duration', ctx.quick ? 5 : 20, 600) * 1000;
    const fileLimit = fileLimitUpTo(wanted + SPARE_FILES);
    const devices = fileLimit - SPARE_FILES;
    if (devices < wanted) {
      ctx.log(
        `warning: this process may not raise the open-file limit past ${fileLimit} (root with CAP_SYS_RESOURCE can): ${fmt(devices)} devices instead of ${fmt(wanted)}`,
      );
    }
    const perHolder = Math.min(PER_HOLDER, devices);
    const holderCount = Math.ceil(devices / perHolder);
    const addresses = Array.from({ length: Math.ceil(devices / PER_ADDRESS) }, (_, i) => `127.0.0.${i + 2}`);
    if (addresses.length > 250) throw new RangeError('too many devices for 127.0.0.2-251');

    const env = await ctx.environment();
    const secretKey = `bench-connections-${randomBytes(24).toString('hex')}`;
    const seed = randomBytes(8).toString('hex');
    const t0 = Date.now();
    await seedFleet(env.databaseUrl, secretKey, seed, devices, PROBE_SENDERS);
    ctx.log(`seeded ${fmt(devices + PROBE_SENDERS)} accounts and devices in ${Date.now() - t0} ms`);

    const api = await ctx.startApi({
      fileLimit,
      env: { SECRET_KEY: secretKey },
    });
    const ws = api.url.replace(/^http/, 'ws');
    const holders: Holder[] = startHolders(
      holderCount,
      fileLimitUpTo(perHolder + SPARE_FILES),
      ctx.cleanups,
      ctx.verbose,
    );
    await sleep(1_000); // the empty node settles after its start
    const emptyKb = await rssKb(api.handle.pid);
    ctx.log(
      `api empty: ${fmt(emptyKb / 1024)} MB RSS; opening ${fmt(devices)} connections from ${holderCount} holder(s) over ${addresses.length} source address(es)`,
    );

    const t1 = performance.now();
    const opened = await Promise.all(
      holders.map((h, n) =>
        h.ask(
          {
            t: 'open',
            wsUrl: ws,
            seed,
            from: Math.floor((n * devices) / holderCount),
            to: Math.floor(((n + 1) * devices) / holderCount),
            localAddresses: addresses,
            concurrency: HANDSHAKES_IN_FLIGHT,
          },
          'opened',
        ),
      ),
    );
    const connectS = (performance.now() - t1) / 1000;
    const failed = opened.reduce((n, o) => n + o.failed, 0);
    if (failed) throw new Error(`${failed} connections failed: ${opened.find((o) => o.firstError)?.firstError}`);
    const connectPerS = devices / connectS;
    ctx.log(`${fmt(devices)} connected in ${fmt(connectS)} s: ${fmt(connectPerS)} connections/s`);

    await sleep(2_000);
    ctx.log(`probing: ${rate} messages/s to random idle devices for ${durationMs / 1000} s`);
    const sent = await probe({
      wsUrl: ws,
      seed,
      fleet: devices,
      senders: PROBE_SENDERS,
      ratePerS: rate,
      durationMs,
    });
    if (sent.refused.length) throw new Error(`${sent.refused.length} probe sends refused: ${sent.refused[0]}`);
    const latencies: number[] = [];
    let closedEarly = 0;
    for (let waited = 0; latencies.length < sent.stored && waited < 15_000; waited += 200) {
      const got = await Promise.all(holders.map((h) => h.ask({ t: 'report' }, 'latencies')));
      for (const g of got) latencies.push(...g.values);
      closedEarly = got.reduce((n, g) => n + g.closed, 0);
      if (latencies.length < sent.stored) await sleep(200);
    }
    if (latencies.length < sent.stored)
      throw new Error(`${sent.stored - latencies.length} probe messages not delivered`);
    if (closedEarly) throw new Error(`${closedEarly} idle connections were closed by the node`);

    const fullKb = await rssKb(api.handle.pid);
    const sorted = latencies.sort((a, b) => a - b);
    const perConnKb = (fullKb - emptyKb) / devices;
    ctx.log(
      `api RSS ${fmt(fullKb / 1024)} MB with all connected: ${fmt(perConnKb)} KB per connection; probe p50 ${fmt(percentile(sorted, 50))} ms, p99 ${fmt(percentile(sorted, 99))} ms over ${sorted.length} messages`,
    );
    return {
      devices,
      devices_wanted: wanted,
      rss_kb_per_conn: round(perConnKb, 2),
      connect_per_s: round(connectPerS, 1),
      idle_msg_p99_ms: round(percentile(sorted, 99), 2),
      idle_msg_p50_ms: round(percentile(sorted, 50), 2),
      idle_msgs: sorted.length,
      idle_msgs_retried: sent.retried,
      rss_empty_mb: round(emptyKb / 1024, 1),
      rss_full_mb: round(fullKb / 1024, 1),
    };
  },
};
