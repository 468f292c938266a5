// Suite `gateway-abuse`: one API node, 100 normal devices (50 pairs) exchanging messages at a steady pace, measured
// first alone (the baseline) and then while 20 abusive devices flood it — pings, sends and read receipts — without
// ever reading their sockets. Measured: how much the node's RSS grows under the attack, `/health`'s p99 during it, and
// the normal devices' send → delivery-receipt p99 against their baseline in the same run.
import { randomBytes } from 'node:crypto';
import { intFlag } from '../harness/flags';
import { fmt } from '../harness/log';
import { round } from '../harness/stats';
import type { Suite } from '../types';
import { createDevices } from './core/accounts';
import { paced, Sequencer } from './core/drive';
import { gatewayPair, type Pair } from './core/pairs';
import { type AbuseKind, type Abuser, startAbuser } from './gateway-abuse/abusers';
import { healthProbe, rssMb, rssSampler } from './gateway-abuse/probes';

const NORMAL_PAIRS = 50;
const ABUSERS: AbuseKind[] = [
  ...Array<AbuseKind>(7).fill('ping'),
  ...Array<AbuseKind>(7).fill('send'),
  ...Array<AbuseKind>(6).fill('receipt'),
];

export const gatewayAbuseSuite: Suite = {
  name: 'gateway-abuse',
  description: "20 non-reading flooders against one node: its RSS growth, /health p99, normal devices' p99 vs baseline",
  options: [
    { name: 'duration', description: 'seconds of baseline, then of abuse (default 30, quick 10)', takesValue: true },
    { name: 'rate', description: 'messages per second over the normal pairs (default 200)', takesValue: true },
  ],
  async run(ctx) {
    const durationMs = intFlag(ctx, 'duration', ctx.quick ? 10 : 30, 600) * 1000;
    const rate = intFlag(ctx, 'rate', 200, 10_000);

    const env = await ctx.environment();
    const secretKey = `bench-abuse-${randomBytes(24).toString('hex')}`;
    const api = await ctx.startApi({ env: { SECRET_KEY: secretKey } });
    const ws = api.url.replace(/^http/, 'ws');
    const devices = await createDevices(env.databaseUrl, secretKey, NORMAL_PAIRS * 2 + ABUSERS.length + 1);
    const victim = devices.pop()!; // never connected: what the flooders send to and mark read
    const pairs: Pair[] = [];
    for (let i = 0; i < NORMAL_PAIRS; i++) pairs.push(await gatewayPair(ws, devices[2 * i]!, devices[2 * i + 1]!));
    const abusers: Abuser[] = [];
    ctx.cleanups.add('close load connections', async () => {
      for (const a of abusers) a.stop();
      for (const p of pairs) p.close();
    });
    const seq = new Sequencer();
    const normal = async (label: string) => {
      const got = await paced(pairs, seq, rate, durationMs);
      ctx.log(`${label}: ${got.completed}/${got.sent} delivered, p50 ${fmt(got.p50Ms)} ms, p99 ${fmt(got.p99Ms)} ms`);
      if (got.completed < got.sent) throw new Error(`${got.sent - got.completed} normal messages got no receipt`);
      return got;
    };

    await paced(pairs, seq, rate, Math.min(durationMs, 3_000)); // warm-up: JIT, pools, caches
    const baseline = await normal('baseline (no abusers)');

    const before = await rssMb(api.handle.pid);
    const sampler = rssSampler(api.handle.pid);
    const health = healthProbe(`${api.url}/health`);
    const flooders = devices.slice(NORMAL_PAIRS * 2);
    for (let i = 0; i < ABUSERS.length; i++) abusers.push(await startAbuser(ws, flooders[i]!, ABUSERS[i]!, victim));
    ctx.log(`abuse: ${abusers.length} flooders (7 ping, 7 send, 6 receipt) for ${durationMs / 1000} s`);
    const attacked = await normal('with abusers');
    for (const a of abusers) a.stop();
    const { p99Ms: healthP99, failures } = await health.stop();
    await new Promise((r) => setTimeout(r, 1_000)); // what the node does as the flooders' connections close
    await sampler.stop();
    const growth = sampler.peak() - before;
    if (Number.isNaN(growth)) throw new Error('the API process exited under the abuse');

    for (const kind of ['ping', 'send', 'receipt'] as const) {
      const mine = abusers.filter((a) => a.kind === kind);
      const closes = mine.flatMap((a) => a.closes);
      const codes = [...new Set(closes)].map((c) => `${c} ×${closes.filter((x) => x === c).length}`).join(', ');
      ctx.log(`${kind} flooders: ${mine.reduce((n, a) => n + a.frames, 0)} frames written; closed ${codes || 'never'}`);
    }
    ctx.log(`api RSS ${fmt(before)} MB before, peak ${fmt(sampler.peak())} MB; /health failures ${failures}`);
    const errors = pairs.reduce((n, p) => n + p.errors, 0);
    if (errors) {
      const texts = [...new Set(pairs.flatMap((p) => p.errorTexts))].slice(0, 5).join('; ');
      throw new Error(`the gateway refused ${errors} normal sends: ${texts}`);
    }

    return {
      rss_growth_mb: round(growth, 1),
      health_p99_ms: round(healthP99, 2),
      normal_p99_ms: round(attacked.p99Ms, 2),
      normal_p99_ms_baseline: round(baseline.p99Ms, 2),
    };
  },
};
