// Suite `core`: the 1:1 relay through the gateway, durable — a message counts when its delivery receipt (✓✓) is back
// at the sender, so every message has been stored, delivered, acked, deleted, and its receipt stored and delivered.
// Measured: the saturated rate, then latency at half that rate; and the same saturated load through a bare `ws`
// forwarder in the same rounds (the machine is shared and noisy: the ratio means more than the absolute figures).
// Ciphertexts are pre-made: the server is blind, so this measures the server, not libsignal.
import { randomBytes } from 'node:crypto';
import { freePort } from '@switchboard/devtools';
import { envelopeOverheadBytes } from '@switchboard/protocol';
import { fmt } from '../harness/log';
import { median, round } from '../harness/stats';
import type { Suite, SuiteContext } from '../types';
import { createDevices } from './core/accounts';
import { paced, Sequencer, saturate } from './core/drive';
import { forwarderPair, gatewayPair, type Pair } from './core/pairs';

function intFlag(ctx: SuiteContext, name: string, fallback: number, max: number): number {
  const raw = ctx.flags.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`--${name} expects an integer from 1 to ${max}`);
  return n;
}

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
    const api = await ctx.startApi({ env: { SECRET_KEY: secretKey } });
    const port = await freePort();
    const forwarder = await ctx.startService({
      name: 'ws-forwarder',
      entry: 'packages/bench/src/targets/ws-forwarder.ts',
      port,
      readyPath: '/health',
      env: { ...process.env, PORT: String(port) },
      stopGraceMs: 2_000,
    });

    const devices = await createDevices(env.databaseUrl, secretKey, pairCount * 2);
    const ws = (url: string) => url.replace(/^http/, 'ws');
    const gateway: Pair[] = [];
    const bare: Pair[] = [];
    for (let i = 0; i < pairCount; i++) {
      const [from, to] = [devices[2 * i]!, devices[2 * i + 1]!];
      gateway.push(await gatewayPair(ws(api.url), from, to));
      bare.push(await forwarderPair(ws(forwarder.url), i, to));
    }
    ctx.cleanups.add('close load connections', async () => {
      for (const p of [...gateway, ...bare]) p.close();
    });
    const seq = new Sequencer();
    ctx.log(`plan: ${runs} round(s) × ${durationMs / 1000} s per target, ${pairCount} pairs × ${window} in flight`);

    // Warm-up: JIT, connection pools, Postgres caches.
    await saturate(gateway, seq, window, ctx.quick ? 1500 : 4000);
    await saturate(bare, seq, window, 1000);

    const rounds: { api: number; bare: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const order: ['api' | 'bare', Pair[]][] = [
        ['api', gateway],
        ['bare', bare],
      ];
      if (i % 2) order.reverse(); // drift in the machine's load hits both alike
      const got = { api: 0, bare: 0 };
      for (const [name, pairs] of order) {
        got[name] = (await saturate(pairs, seq, window, durationMs)).msgsPerS;
      }
      rounds.push(got);
      ctx.log(`round ${i + 1}/${runs}: gateway ${fmt(got.api)} msgs/s, ws forwarder ${fmt(got.bare)} msgs/s`);
    }
    const msgsPerS = median(rounds.map((r) => r.api));
    const baseline = median(rounds.map((r) => r.bare));

    // Latency at half the saturated rate, open loop.
    const latencyRuns = [];
    for (let i = 0; i < (ctx.quick ? 1 : 3); i++) {
      const l = await paced(gateway, seq, msgsPerS / 2, durationMs);
      latencyRuns.push(l);
      ctx.log(
        `latency at ${fmt(msgsPerS / 2)} msgs/s: p50 ${fmt(l.p50Ms)} ms, p99 ${fmt(l.p99Ms)} ms (${l.completed}/${l.sent})`,
      );
      if (l.completed < l.sent) throw new Error(`${l.sent - l.completed} messages got no delivery receipt`);
    }
    const errors = gateway.reduce((n, p) => n + p.errors, 0);
    if (errors) throw new Error(`the gateway refused ${errors} sends`);

    return {
      msgs_per_s: round(msgsPerS, 1),
      ws_baseline_msgs_per_s: round(baseline, 1),
      ratio: round(msgsPerS / baseline, 3),
      p50_ms: round(median(latencyRuns.map((l) => l.p50Ms)), 2),
      p99_ms: round(median(latencyRuns.map((l) => l.p99Ms)), 2),
      envelope_overhead_bytes: envelopeOverheadBytes(),
      deliver_overhead_observed_bytes: Math.max(...gateway.map((p) => p.deliverOverhead)),
      runs,
      pairs: pairCount,
      window,
      msgs_per_s_runs: rounds.map((r) => round(r.api, 1)),
      ws_baseline_runs: rounds.map((r) => round(r.bare, 1)),
    };
  },
};
