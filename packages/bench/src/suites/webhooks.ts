// Suite `webhooks`: signed deliveries per second from the outbox to a local receiver, then the same with a receiver
// that fails half of the POSTs. The bench process emits message statuses (sent → delivered → read per message, many
// messages at once) through the real WebhookEventsService; worker processes deliver them; the receiver, a process of
// its own, verifies every signature and counts, and flags any status that arrives after a later one. Both delivery
// modes are measured: one change per POST (the default, the headline figures) and batched (the subscription's opt-in).
// Two ways of measuring, each run for both receivers:
// - backlog (the headline deliveries_per_s): the webhooks queue is paused while the events are emitted, then resumed;
//   the rate is updates acknowledged after the first POST over the time from that POST to the last — the delivery
//   engine's throughput;
// - live: emitting and delivering at once, first emit to last acknowledgement — bounded by how fast this one process
//   can emit, so it is reported beside, with emit_per_s.
import { randomBytes } from 'node:crypto';
import { parseConfig } from '@switchboard/config';
import { freePort } from '@switchboard/devtools';
import { JobQueues } from '@switchboard/jobs';
import { intFlag } from '../harness/flags';
import { fmt } from '../harness/log';
import { median, round } from '../harness/stats';
import type { Suite } from '../types';
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
  first_updates: number;
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

const RETRY_BASE_MS = 20;
const RETRY_MAX_MS = 500;

export const webhooksSuite: Suite = {
  name: 'webhooks',
  description:
    'signed webhook deliveries per second to a local receiver, one change per POST and batched, then with one failing 50 % (lost, order)',
  options: [
    { name: 'runs', description: 'measured runs per receiver (default 5, quick 3)', takesValue: true },
    {
      name: 'messages',
      description: 'messages per run, 3 statuses each (default 10000, quick 1500)',
      takesValue: true,
    },
    { name: 'workers', description: 'worker processes (default 2)', takesValue: true },
    { name: 'concurrency', description: 'messages emitted at once in the live runs (default 256)', takesValue: true },
  ],
  async run(ctx) {
    const plan = {
      runs: intFlag(ctx, 'runs', ctx.quick ? 3 : 5, 50),
      messages: intFlag(ctx, 'messages', ctx.quick ? 1_000 : 10_000, 1_000_000),
      workers: intFlag(ctx, 'workers', 2, 16),
      concurrency: intFlag(ctx, 'concurrency', 256, 4096),
    };
    const environment = await ctx.environment();
    const env = environment.processEnv({
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '5000',
      WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS),
      WEBHOOK_RETRY_MAX_MS: String(RETRY_MAX_MS),
      WEBHOOK_SWEEP_INTERVAL_SECONDS: '2',
      // The receiver is on loopback, which production refuses by default (OUTBOUND_PRIVATE_NETWORKS).
      OUTBOUND_PRIVATE_NETWORKS: 'allow',
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
      `plan: ${plan.runs} backlog run(s) per receiver, then one live, × ${plan.messages} messages ` +
        `(${plan.messages * 3} updates), ${plan.workers} worker process(es), retries ${RETRY_BASE_MS}–${RETRY_MAX_MS} ms`,
    );

    const queues = new JobQueues(parseConfig(env));
    ctx.cleanups.add('close the queues', () => queues.close());
    const webhooksQueue = queues.queues.get('webhooks')!;

    const measure = async (
      failRate: number,
      label: string,
      backlog: boolean,
      batching: boolean,
      messages = plan.messages,
    ) => {
      await fetch(`${receiver.url}/reset?fail=${failRate}`, { method: 'POST' });
      const businessId = await emitter.subscribe(`${receiver.url}/webhooks`, appSecret, batching);
      const expected = messages * 3;
      if (backlog) await webhooksQueue.pause();
      const emitStart = Date.now();
      await emitter.emitStatuses(businessId, messages, backlog ? 512 : plan.concurrency);
      const emitS = (Date.now() - emitStart) / 1000;
      if (backlog) await webhooksQueue.resume();
      let stats = await getStats(receiver.url);
      const deadline = Date.now() + 60_000;
      while (stats.unique < expected && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        stats = await getStats(receiver.url);
      }
      // Backlog: from the first acknowledged POST to the last (waking paused workers is not delivery); live: from the
      // first emit, emitting included.
      const rate = backlog
        ? (stats.unique - stats.first_updates) / Math.max(0.001, (stats.last_ms - stats.first_ms) / 1000)
        : stats.unique / Math.max(0.001, ((stats.last_ms || Date.now()) - emitStart) / 1000);
      const figures: RunFigures = {
        deliveries_per_s: round(rate, 1),
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
          `lost ${figures.lost}, out of order ${figures.out_of_order}, bad signatures ${figures.bad_signatures}` +
          (backlog ? '' : `, emit→ack p50 ${fmt(figures.latency_p50_ms)} ms p99 ${fmt(figures.latency_p99_ms)} ms`),
      );
      return figures;
    };

    await measure(0, 'warm-up', true, false, Math.min(300, plan.messages));
    await measure(0, 'warm-up, batched', true, true, Math.min(300, plan.messages));
    const ok: RunFigures[] = [];
    const flaky: RunFigures[] = [];
    const batchedOk: RunFigures[] = [];
    const batchedFlaky: RunFigures[] = [];
    // Alternate receivers and modes run by run so drift in the machine's load hits all alike.
    for (let i = 0; i < plan.runs; i++) {
      const run = `run ${i + 1}/${plan.runs} backlog`;
      ok.push(await measure(0, `${run}, receiver ok`, true, false));
      batchedOk.push(await measure(0, `${run}, batched, receiver ok`, true, true));
      flaky.push(await measure(0.5, `${run}, receiver failing 50 %`, true, false));
      batchedFlaky.push(await measure(0.5, `${run}, batched, receiver failing 50 %`, true, true));
    }
    const liveOk = await measure(0, 'live, receiver ok', false, false);
    const liveFlaky = await measure(0.5, 'live, receiver failing 50 %', false, false);
    const all = [...ok, ...flaky, ...batchedOk, ...batchedFlaky, liveOk, liveFlaky];
    const m = (rows: RunFigures[], key: keyof RunFigures) => median(rows.map((r) => r[key]));
    const sum = (key: 'lost' | 'out_of_order' | 'bad_signatures') => all.reduce((n, r) => n + r[key], 0);
    return {
      deliveries_per_s: round(m(ok, 'deliveries_per_s'), 1),
      deliveries_per_s_failing_50: round(m(flaky, 'deliveries_per_s'), 1),
      updates_per_post: round(m(ok, 'updates_per_post'), 1),
      batched_deliveries_per_s: round(m(batchedOk, 'deliveries_per_s'), 1),
      batched_deliveries_per_s_failing_50: round(m(batchedFlaky, 'deliveries_per_s'), 1),
      batched_updates_per_post: round(m(batchedOk, 'updates_per_post'), 1),
      live_deliveries_per_s: liveOk.deliveries_per_s,
      live_deliveries_per_s_failing_50: liveFlaky.deliveries_per_s,
      emit_per_s: liveOk.emit_per_s,
      live_latency_p50_ms: liveOk.latency_p50_ms,
      live_latency_p99_ms: liveOk.latency_p99_ms,
      live_latency_p99_ms_failing_50: liveFlaky.latency_p99_ms,
      runs: plan.runs,
      updates_per_run: plan.messages * 3,
      workers: plan.workers,
      retry_ms: [RETRY_BASE_MS, RETRY_MAX_MS],
      deliveries_per_s_runs: ok.map((r) => r.deliveries_per_s),
      batched_deliveries_per_s_runs: batchedOk.map((r) => r.deliveries_per_s),
      bad_signatures: sum('bad_signatures'),
      lost: sum('lost'),
      out_of_order: sum('out_of_order'),
    };
  },
};

async function getStats(url: string): Promise<ReceiverStats> {
  return (await (await fetch(`${url}/stats`)).json()) as ReceiverStats;
}
