// Suite `http`: GET /health on the API under load from another process, to prove the harness. A bare node:http
// server answering the same body is measured in the same rounds as a baseline (the machine is shared and noisy, so
// the ratio says more than the absolute figures).
import { freePort } from '@switchboard/devtools';
import { intFlag } from '../harness/flags';
import { type LoadFigures, runLoad } from '../harness/load';
import { fmt } from '../harness/log';
import { repeat, round } from '../harness/stats';
import type { Suite, SuiteContext } from '../types';

interface Plan {
  runs: number;
  durationS: number;
  warmupS: number;
  connections: number;
  baseline: boolean;
}

function plan(ctx: SuiteContext): Plan {
  return {
    runs: intFlag(ctx, 'runs', ctx.quick ? 3 : 5, 50),
    durationS: intFlag(ctx, 'duration', ctx.quick ? 3 : 10, 600),
    warmupS: ctx.quick ? 2 : 5,
    connections: intFlag(ctx, 'connections', 50, 1000),
    baseline: !ctx.flags.has('no-baseline'),
  };
}

const line = (f: LoadFigures) =>
  `${fmt(f.rps)} rps, p50 ${fmt(f.p50_ms)} ms, p99 ${fmt(f.p99_ms)} ms, ${f.requests} ok, ${f.errors} errors`;

export const httpSuite: Suite = {
  name: 'http',
  description: 'GET /health on the API under load (autocannon), with a bare node:http baseline',
  options: [
    { name: 'runs', description: 'measured runs per target (default 5, quick 3)', takesValue: true },
    { name: 'duration', description: 'seconds per run (default 10, quick 3)', takesValue: true },
    { name: 'connections', description: 'concurrent connections (default 50)', takesValue: true },
    { name: 'no-baseline', description: 'skip the bare node:http baseline', takesValue: false },
  ],
  async run(ctx) {
    const p = plan(ctx);
    const api = await ctx.startApi();
    const targets = [{ name: 'api', url: `${api.url}/health` }];
    if (p.baseline) {
      const port = await freePort();
      const bare = await ctx.startService({
        name: 'baseline',
        entry: 'packages/bench/src/targets/bare-http.ts',
        port,
        readyPath: '/health',
        env: { ...process.env, PORT: String(port) },
        stopGraceMs: 2_000,
      });
      targets.push({ name: 'baseline', url: `${bare.url}/health` });
    }

    ctx.log(
      `plan: ${p.runs} run(s) × ${p.durationS} s per target after a ${p.warmupS} s warm-up, ${p.connections} connections`,
    );
    for (const t of targets) {
      const w = await runLoad({ url: t.url, connections: p.connections, durationS: p.warmupS });
      ctx.log(`warm-up ${t.name}: ${line(w)}`);
    }

    // Each round measures every target back to back, alternating which goes first, so drift in the machine's load
    // hits them alike; figures are medians over rounds, and the ratio is paired within each round.
    const { runs, median: m } = await repeat(p.runs, async (i) => {
      const order = i % 2 ? [...targets].reverse() : targets;
      const got = new Map<string, LoadFigures>();
      for (const t of order) {
        const f = await runLoad({ url: t.url, connections: p.connections, durationS: p.durationS });
        got.set(t.name, f);
        ctx.log(`run ${i + 1}/${p.runs} ${t.name}: ${line(f)}`);
      }
      const a = got.get('api')!;
      const b = got.get('baseline');
      return {
        rps: a.rps,
        p50_ms: a.p50_ms,
        p99_ms: a.p99_ms,
        requests: a.requests,
        errors: a.errors,
        ...(b && {
          baseline_rps: b.rps,
          baseline_p50_ms: b.p50_ms,
          baseline_p99_ms: b.p99_ms,
          rps_vs_baseline: a.rps / b.rps,
        }),
      };
    });

    const ok = runs.reduce((n, r) => n + r.requests, 0);
    const errors = runs.reduce((n, r) => n + r.errors, 0);
    if (ok === 0) throw new Error('the API answered no request with 2xx');
    if (errors > ok / 100) throw new Error(`too many failed requests: ${errors} errors against ${ok} successes`);
    ctx.log(`api median: ${fmt(m.rps)} rps, p50 ${fmt(m.p50_ms)} ms, p99 ${fmt(m.p99_ms)} ms`);

    const figures: Record<string, unknown> = {
      rps: round(m.rps, 1),
      p50_ms: round(m.p50_ms, 3),
      p99_ms: round(m.p99_ms, 3),
      runs: p.runs,
      duration_s: p.durationS,
      connections: p.connections,
      errors,
      rps_runs: runs.map((r) => r.rps),
    };
    if (m.baseline_rps !== undefined) {
      ctx.log(
        `baseline median: ${fmt(m.baseline_rps)} rps, p50 ${fmt(m.baseline_p50_ms!)} ms, p99 ${fmt(m.baseline_p99_ms!)} ms; api/baseline rps ${fmt(m.rps_vs_baseline!, 3)}`,
      );
      Object.assign(figures, {
        baseline_rps: round(m.baseline_rps, 1),
        baseline_p50_ms: round(m.baseline_p50_ms!, 3),
        baseline_p99_ms: round(m.baseline_p99_ms!, 3),
        rps_vs_baseline: round(m.rps_vs_baseline!, 3),
      });
    }
    return figures;
  },
};
