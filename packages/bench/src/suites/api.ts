// Suite `api`: sends accepted per second by POST /{phone_number_id}/messages (text messages to contacts with open
// windows, a different recipient per request) and their latency, against the API in a process of its own. Measured
// in the same rounds: GET /health on the same API (what the framework alone costs) and a bare node:http server (what
// this machine can do at all), so the figures can be read as ratios on a shared, noisy machine. At the end, every
// accepted send must be in the message log and the outbox: accepted means durable.
import { randomBytes } from 'node:crypto';
import { freePort } from '@switchboard/devtools';
import { intFlag } from '../harness/flags';
import { type LoadFigures, type LoadOptions, runLoad } from '../harness/load';
import { fmt } from '../harness/log';
import { repeat, round } from '../harness/stats';
import type { Suite } from '../types';
import { countAccepted, NUMBERS, seedApiFixture } from './api-fixture';

const line = (f: LoadFigures) =>
  `${fmt(f.rps)} rps, p50 ${fmt(f.p50_ms)} ms, p99 ${fmt(f.p99_ms)} ms, ${f.requests} ok, ${f.errors} errors`;

type Target = { name: 'send' | 'health' | 'baseline' } & Omit<LoadOptions, 'durationS' | 'connections'>;

export const apiSuite: Suite = {
  name: 'api',
  description:
    'POST /{phone_number_id}/messages accepted per second and latency, with /health and bare node:http baselines',
  options: [
    { name: 'runs', description: 'measured rounds (default 5, quick 3)', takesValue: true },
    { name: 'duration', description: 'seconds per target per round (default 10, quick 3)', takesValue: true },
    { name: 'connections', description: 'concurrent connections (default 32)', takesValue: true },
    {
      name: 'recipients',
      description: 'contacts with open windows to send to in turn (default 1000)',
      takesValue: true,
    },
  ],
  async run(ctx) {
    const p = {
      runs: intFlag(ctx, 'runs', ctx.quick ? 3 : 5, 50),
      durationS: intFlag(ctx, 'duration', ctx.quick ? 3 : 10, 600),
      warmupS: ctx.quick ? 2 : 5,
      connections: intFlag(ctx, 'connections', 32, 1000),
      recipients: intFlag(ctx, 'recipients', 1000, 100_000),
    };
    const env = await ctx.environment();
    const secretKey = `bench-${randomBytes(24).toString('hex')}`;
    const fixture = await seedApiFixture(env.databaseUrl, secretKey, p.recipients, NUMBERS);
    // The pair rate (45 in a burst, then one per 6 s per number and consumer) would refuse this load's repeat
    // recipients within a minute; it still runs, in the same Redis call as the throughput check.
    const api = await ctx.startApi({ env: { SECRET_KEY: secretKey, PAIR_RATE_BURST: '10000' } });
    const port = await freePort();
    const bare = await ctx.startService({
      name: 'baseline',
      entry: 'packages/bench/src/targets/bare-http.ts',
      port,
      readyPath: '/health',
      env: { ...process.env, PORT: String(port) },
      stopGraceMs: 2_000,
    });

    const bodies = fixture.recipients.map((to) =>
      JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: `+${to}`,
        type: 'text',
        text: { body: 'Your order has shipped.' },
      }),
    );
    const targets: Target[] = [
      {
        name: 'send',
        url: `${api.url}/v23.0/${fixture.phoneNumberIds[0]}/messages`,
        method: 'POST',
        headers: { authorization: `Bearer ${fixture.token}`, 'content-type': 'application/json' },
        bodies,
        paths: fixture.phoneNumberIds.map((id) => `/v23.0/${id}/messages`),
      },
      { name: 'health', url: `${api.url}/health` },
      { name: 'baseline', url: `${bare.url}/health` },
    ];
    let sent = 0;
    const load = async (t: Target, durationS: number) => {
      const f = await runLoad({ ...t, connections: p.connections, durationS });
      if (t.name === 'send') sent += f.requests;
      return f;
    };

    ctx.log(
      `plan: ${p.runs} round(s) × ${p.durationS} s per target after a ${p.warmupS} s warm-up, ${p.connections} connections, ${p.recipients} recipients`,
    );
    // The send path has the most code to warm up (JIT, prepared statements, caches): it gets most of the warm-up.
    for (const t of targets) {
      const seconds = t.name === 'send' ? p.warmupS * 2 : Math.max(1, Math.floor(p.warmupS / 2));
      ctx.log(`warm-up ${t.name}: ${line(await load(t, seconds))}`);
    }

    // Each round measures every target back to back, alternating the order, so drift in the machine's load hits them
    // alike; figures are medians over rounds, ratios are paired within a round.
    const { runs, median: m } = await repeat(p.runs, async (i) => {
      const got = new Map<string, LoadFigures>();
      for (const t of i % 2 ? [...targets].reverse() : targets) {
        const f = await load(t, p.durationS);
        got.set(t.name, f);
        ctx.log(`round ${i + 1}/${p.runs} ${t.name}: ${line(f)}`);
      }
      const [s, h, b] = [got.get('send')!, got.get('health')!, got.get('baseline')!];
      return {
        rps: s.rps,
        p50_ms: s.p50_ms,
        p99_ms: s.p99_ms,
        errors: s.errors,
        health_rps: h.rps,
        baseline_rps: b.rps,
        send_vs_health: s.rps / h.rps,
        send_vs_baseline: s.rps / b.rps,
      };
    });

    const errors = runs.reduce((n, r) => n + r.errors, 0);
    if (sent === 0) throw new Error('the API accepted no send');
    if (errors > sent / 100) throw new Error(`too many failed sends: ${errors} errors against ${sent} accepted`);
    const { logged, queued } = await countAccepted(env.databaseUrl);
    if (logged < sent || queued < sent)
      throw new Error(`accepted ${sent} sends but found ${logged} logged and ${queued} queued`);
    ctx.log(`durable: ${sent} accepted, ${logged} in the message log, ${queued} in the send outbox`);
    ctx.log(
      `median: send ${fmt(m.rps)} rps (p50 ${fmt(m.p50_ms)} ms, p99 ${fmt(m.p99_ms)} ms); /health ${fmt(m.health_rps)} rps; bare node:http ${fmt(m.baseline_rps)} rps`,
    );
    return {
      rps: round(m.rps, 1),
      p50_ms: round(m.p50_ms, 3),
      p99_ms: round(m.p99_ms, 3),
      health_rps: round(m.health_rps, 1),
      baseline_rps: round(m.baseline_rps, 1),
      send_vs_health: round(m.send_vs_health, 3),
      send_vs_baseline: round(m.send_vs_baseline, 3),
      accepted: sent,
      errors,
      runs: p.runs,
      duration_s: p.durationS,
      connections: p.connections,
      rps_runs: runs.map((r) => r.rps),
    };
  },
};
