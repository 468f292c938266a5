// Suite `webhooks`: signed deliveries per second from the outbox to a local receiver, then the same with a receiver
// that fails half of the POSTs. The bench process emits message statuses (sent → delivered → read per message, many
// messages at once) through the real WebhookEventsService; worker processes deliver them in batches; the receiver,
// a process of its own, verifies every signature and counts. deliveries_per_s is acknowledged updates over the time
// from the first emit to the last acknowledgement — emitting included, so it is what a business would see.
import { randomBytes } from 'node:crypto';
import { freePort } from '@switchboard/devtools';
import { parseConfig } from '@switchboard/config';
import { fmt } from '../harness/log';
import { median, round } from '../harness/stats';
import type { Suite, SuiteContext } from '../types';
import { startEmitter } from './webhooks/emitter';
import { startWorkers } from './webhooks/workers';

interface ReceiverStats {
  posts: number;
  failed_posts: number;
  updates: number;
  unique: number;
  bad_signatures: number;
  out_of_order: number;
  latency_p50_ms: number | null;
  latency_p99_ms: number | null;
  first_ms: number;
  last_ms: number;
}

interface RunFigures {
  deliveries_per_s: number;
  emit_per_s: number;
  lost: number;
  out_of_order: number;
  bad_signatures: number;
  updates_per_post: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
}

function intFlag(ctx: SuiteContext, name: string, fallback: number, max: number): number {
  const raw = ctx.flags.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`--${name} expects an integer from 1 to ${max}`);
  return n;
}

const RETRY_BASE_MS = 20;
const RETRY_MAX_MS = 500;

export const webhooksSuite: Suite = {
  name: 'webhooks',
  description: 'signed webhook deliveries per second to a local receiver, then with one failing 50 % (lost, order)',
  options: [
    { name: 'runs', description: 'measured runs per receiver (default 5, quick 3)', takesValue: true },
    { name: 'messages', description: 'messages per run, 3 statuses each (default 10000, quick 4000)', takesValue: true },
    { name: 'workers', description: 'worker processes (default 2)', takesValue: true },
    { name: 'concurrency', description: 'messages emitted at once (default 64)', takesValue: true },
  ],
  async run(ctx) {
    const plan = {
      runs: intFlag(ctx, 'runs', ctx.quick ? 3 : 5, 50),
      messages: intFlag(ctx, 'messages', ctx.quick ? 4_000 : 10_000, 1_000_000),
      workers: intFlag(ctx, 'workers', 2, 16),
      concurrency: intFlag(ctx, 'concurrency', 64, 1000),
    };
    const environment = await ctx.environment();
    const env = environment.processEnv({
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '5000',
      WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS),
      WEBHOOK_RETRY_MAX_MS: String(RETRY_MAX_MS),
      WEBHOOK_SWEEP_INTERVAL_SECONDS: '2',
    });
    const appSecret = randomBytes(16).toString('hex');
    const port = await freePort();
    const receiver = await ctx.startService({
      name: 'receiver',
      entry: 'packages/bench/src/targets/webhook-receiver.ts',
      port,
      readyPath: '/stats',
      env: { ...process.env, PORT: String(port), APP_SECRET: appSecret },
      stopGraceMs: 2_000,
    });
    await startWorkers(plan.workers, env, { cleanups: ctx.cleanups, verbose: ctx.verbose, log: ctx.log });
    const emitter = await startEmitter(parseConfig(env));
    ctx.cleanups.add('stop the emitter', () => emitter.close());
    ctx.log(
      `plan: ${plan.runs} run(s) per receiver × ${plan.messages} messages (${plan.messages * 3} updates), ` +
        `${plan.workers} worker process(es), ${plan.concurrency} messages at a time, retries ${RETRY_BASE_MS}–${RETRY_MAX_MS} ms`,
    );

    const measure = async (failRate: number, label: string, messages = plan.messages): Promise<RunFigures> => {
      await fetch(`${receiver.url}/reset?fail=${failRate}`, { method: 'POST' });
      const businessId = await emitter.subscribe(`${receiver.url}/webhooks`, appSecret);
      const expected = messages * 3;
      const t0 = Date.now();
      await emitter.emitStatuses(businessId, messages, plan.concurrency);
      const emitS = (Date.now() - t0) / 1000;
      let stats = await getStats(receiver.url);
      const deadline = Date.now() + 60_000;
      while (stats.unique < expected && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        stats = await getStats(receiver.url);
      }
      const elapsedS = ((stats.last_ms || Date.now()) - t0) / 1000;
      const figures: RunFigures = {
        deliveries_per_s: round(stats.unique / elapsedS, 1),
        emit_per_s: round(expected / emitS, 1),
        lost: expected - stats.unique,
        out_of_order: stats.out_of_order,
        bad_signatures: stats.bad_signatures,
        updates_per_post: round(stats.updates / Math.max(1, stats.posts - stats.failed_posts), 1),
        latency_p50_ms: stats.latency_p50_ms ?? Number.NaN,
        latency_p99_ms: stats.latency_p99_ms ?? Number.NaN,
      };
      ctx.log(
        `${label}: ${fmt(figures.deliveries_per_s)} deliveries/s (emit ${fmt(figures.emit_per_s)}/s), ` +
          `${fmt(figures.updates_per_post)} updates/POST, ${stats.posts} POSTs (${stats.failed_posts} failed), ` +
          `p50 ${fmt(figures.latency_p50_ms)} ms p99 ${fmt(figures.latency_p99_ms)} ms, lost ${figures.lost}, ` +
          `out of order ${figures.out_of_order}, bad signatures ${figures.bad_signatures}`,
      );
      return figures;
    };

    await measure(0, 'warm-up', Math.min(1_000, plan.messages));
    const ok: RunFigures[] = [];
    const flaky: RunFigures[] = [];
    // Alternate the receivers run by run so drift in the machine's load hits both alike.
    for (let i = 0; i < plan.runs; i++) {
      ok.push(await measure(0, `run ${i + 1}/${plan.runs} receiver ok`));
      flaky.push(await measure(0.5, `run ${i + 1}/${plan.runs} receiver failing 50 %`));
    }
    const m = (rows: RunFigures[], key: keyof RunFigures) => median(rows.map((r) => r[key]));
    const sum = (key: 'lost' | 'out_of_order' | 'bad_signatures') =>
      [...ok, ...flaky].reduce((n, r) => n + r[key], 0);
    return {
      deliveries_per_s: round(m(ok, 'deliveries_per_s'), 1),
      deliveries_per_s_failing_50: round(m(flaky, 'deliveries_per_s'), 1),
      emit_per_s: round(m(ok, 'emit_per_s'), 1),
      updates_per_post: round(m(ok, 'updates_per_post'), 1),
      latency_p50_ms: round(m(ok, 'latency_p50_ms'), 1),
      latency_p99_ms: round(m(ok, 'latency_p99_ms'), 1),
      latency_p99_ms_failing_50: round(m(flaky, 'latency_p99_ms'), 1),
      runs: plan.runs,
      updates_per_run: plan.messages * 3,
      workers: plan.workers,
      bad_signatures: sum('bad_signatures'),
      lost: sum('lost'),
      out_of_order: sum('out_of_order'),
    };
  },
};

async function getStats(url: string): Promise<ReceiverStats> {
  return (await (await fetch(`${url}/stats`)).json()) as ReceiverStats;
}
