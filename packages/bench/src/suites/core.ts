// Suite `core`: the 1:1 relay through the gateway, durable — a message counts when its delivery receipt (✓✓) is back
// at the sender, so every message has been stored, delivered, acked, deleted, and its receipt stored and delivered.
// Measured: the saturated rate, then latency at half that rate; and the same saturated load through a bare `ws`
// forwarder in the same rounds (the machine is shared and noisy: the ratio means more than the absolute figures).
// Ciphertexts are pre-made: the server is blind, so this measures the server, not libsignal.
import { randomBytes } from 'node:crypto';
import { freePort } from '@switchboard/devtools';
import { envelopeOverheadBytes } from '@switchboard/protocol';
import { intFlag } from '../harness/flags';
import { fmt } from '../harness/log';
import { median, round } from '../harness/stats';
import type { Suite } from '../types';
import { createDevices } from './core/accounts';
import { type Paced, paced, Sequencer, saturate } from './core/drive';
import { mailboxCounters } from './core/metrics';
import { forwarderPair, gatewayPair, type Pair } from './core/pairs';

export const coreSuite: Suite = {
  name: 'core',
  description: '1:1 relay rate to the delivery receipt (durable), p50/p99 at half load, against a bare ws forwarder',
  options: [
    { name: 'runs', description: 'measured rounds (default 5, quick 2)', takesValue: true },
    { name: 'duration', description: 'seconds per measurement (default 8, quick 2)', takesValue: true },
    { name: 'pairs', description: 'sender/recipient pairs (default 32)', takesValue: true },
    { name: 'window', description: 'messages in flight per pair when saturating (default 8)', takesValue: true },
  ],
  async run(ctx) {
    const runs = intFlag(ctx, 'runs', ctx.quick ? 2 : 5, 50);
    const durationMs = intFlag(ctx, 'duration', ctx.quick ? 2 : 8, 600) * 1000;
    const pairCount = intFlag(ctx, 'pairs', 32, 2000);
    const window = intFlag(ctx, 'window', 8, 1000);

    const env = await ctx.environment();
    // The load's devices are written straight into the database, so the suite must know the API's credential key.
    const secretKey = `bench-core-${randomBytes(24).toString('hex')}`;
    // Two gateways on the same database and Redis: as configured by default (✓ after the WAL flush), and with
    // MAILBOX_SYNCHRONOUS_COMMIT=off (✓ after the commit, flushed within ~0.6 s) to show what the disk costs.
    // Each of the few load connections carries the traffic of many users, far past one device's send budget (which the
    // gateway-abuse suite measures): the budget is lifted so the relay is what is measured here.
    const unbudgeted = {
      SECRET_KEY: secretKey,
      GATEWAY_SENDS_PER_SECOND: '1000000',
      GATEWAY_FRAMES_PER_SECOND: '1000000',
    };
    const port = await freePort();
    const [api, asyncApi, forwarder] = await Promise.all([
      ctx.startApi({ env: unbudgeted }),
      ctx.startApi({ env: { ...unbudgeted, MAILBOX_SYNCHRONOUS_COMMIT: 'off' } }),
      ctx.startService({
        name: 'ws-forwarder',
        entry: 'packages/bench/src/targets/ws-forwarder.ts',
        port,
        readyPath: '/health',
        env: { ...process.env, PORT: String(port) },
        stopGraceMs: 2_000,
      }),
    ]);

    const devices = await createDevices(env.databaseUrl, secretKey, pairCount * 4);
    const ws = (url: string) => url.replace(/^http/, 'ws');
    const targets: Record<'api' | 'async' | 'bare', Pair[]> = { api: [], async: [], bare: [] };
    for (let i = 0; i < pairCount; i++) {
      const d = (k: number) => devices[4 * i + k]!;
      targets.api.push(await gatewayPair(ws(api.url), d(0), d(1)));
      targets.async.push(await gatewayPair(ws(asyncApi.url), d(2), d(3)));
      targets.bare.push(await forwarderPair(ws(forwarder.url), i, d(1)));
    }
    ctx.cleanups.add('close load connections', async () => {
      for (const p of Object.values(targets).flat()) p.close();
    });
    const seq = new Sequencer();
    ctx.log(`plan: ${runs} round(s) × ${durationMs / 1000} s per target, ${pairCount} pairs × ${window} in flight`);

    // Warm-up: JIT, prepared statements, connection pools, Postgres caches.
    await saturate(targets.api, seq, window, ctx.quick ? 3000 : 5000);
    await saturate(targets.async, seq, window, ctx.quick ? 3000 : 5000);
    await saturate(targets.bare, seq, window, 1000);

    // Each round measures every target back to back, rotating which goes first, so drift in the machine's load
    // hits them alike; figures are medians over rounds.
    const names = ['api', 'async', 'bare'] as const;
    const rounds: Record<(typeof names)[number], number>[] = [];
    // Rows the gateway inserted per message in its rounds (every recipient online), from its own counters.
    const written = { rows: 0, messages: 0 };
    for (let i = 0; i < runs; i++) {
      const got = { api: 0, async: 0, bare: 0 };
      for (let k = 0; k < names.length; k++) {
        const name = names[(i + k) % names.length]!;
        const before = name === 'api' ? await mailboxCounters(api.url) : undefined;
        got[name] = (await saturate(targets[name], seq, window, durationMs)).msgsPerS;
        if (before) {
          const after = await mailboxCounters(api.url);
          written.rows += after.rows - before.rows;
          written.messages += after.messages - before.messages;
        }
      }
      rounds.push(got);
      ctx.log(
        `round ${i + 1}/${runs}: gateway ${fmt(got.api)} msgs/s, with async commit ${fmt(got.async)}, ws forwarder ${fmt(got.bare)}`,
      );
    }
    const rate = (name: (typeof names)[number]) => median(rounds.map((r) => r[name]));

    // Latency at half of each gateway's saturated rate, open loop: send → delivery receipt back at the sender.
    const latency = async (name: 'api' | 'async') => {
      const got = [];
      for (let i = 0; i < (ctx.quick ? 1 : 3); i++) {
        const l = await paced(targets[name], seq, rate(name) / 2, durationMs);
        got.push(l);
        ctx.log(`${name} latency at ${fmt(rate(name) / 2)} msgs/s: p50 ${fmt(l.p50Ms)} ms, p99 ${fmt(l.p99Ms)} ms`);
        if (l.completed < l.sent) throw new Error(`${l.sent - l.completed} messages got no delivery receipt`);
      }
      return { p50: median(got.map((l) => l.p50Ms)), p99: median(got.map((l) => l.p99Ms)) };
    };
    const sync = await latency('api');
    const async = await latency('async');
    // The forwarder at the gateway's half rate, in the same run: what the machine and the load driver cost by
    // themselves at that rate.
    const bareLatency: Paced[] = [];
    for (let i = 0; i < (ctx.quick ? 1 : 3); i++) {
      const l = await paced(targets.bare, seq, rate('api') / 2, durationMs);
      bareLatency.push(l);
      ctx.log(`ws forwarder latency at ${fmt(rate('api') / 2)} msgs/s: p50 ${fmt(l.p50Ms)} ms, p99 ${fmt(l.p99Ms)} ms`);
    }
    const errors = [...targets.api, ...targets.async].reduce((n, p) => n + p.errors, 0);
    if (errors) throw new Error(`the gateway refused ${errors} sends`);

    return {
      msgs_per_s: round(rate('api'), 1),
      ws_baseline_msgs_per_s: round(rate('bare'), 1),
      ratio: round(rate('api') / rate('bare'), 3),
      p50_ms: round(sync.p50, 2),
      p99_ms: round(sync.p99, 2),
      ws_baseline_half_rate_p50_ms: round(median(bareLatency.map((l) => l.p50Ms)), 2),
      ws_baseline_half_rate_p99_ms: round(median(bareLatency.map((l) => l.p99Ms)), 2),
      mailbox_rows_per_msg: written.messages ? round(written.rows / written.messages, 3) : null,
      envelope_overhead_bytes: envelopeOverheadBytes(), // worst case, tested ≤ 40
      async_commit_msgs_per_s: round(rate('async'), 1),
      async_commit_ratio: round(rate('async') / rate('bare'), 3),
      async_commit_p50_ms: round(async.p50, 2),
      async_commit_p99_ms: round(async.p99, 2),
      deliver_overhead_observed_bytes: Math.max(...targets.api.map((p) => p.deliverOverhead)),
      runs,
      pairs: pairCount,
      window,
      msgs_per_s_runs: rounds.map((r) => round(r.api, 1)),
      ws_baseline_runs: rounds.map((r) => round(r.bare, 1)),
    };
  },
};
