// `npm run bench -- inbox`: the shared inbox with many conversations in the database — how fast an agent's desk reads
// the conversation list (filtered by status, assignee and label) and a conversation's thread (the business message
// log) through the API over loopback, then how fast consumers' messages reach every agent's live stream and whether
// any is missed (inbox-live.ts). The API and one worker process run as processes of their own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { intFlag } from '../harness/flags';
import { fmt } from '../harness/log';
import { percentile, repeat, round } from '../harness/stats';
import type { Suite } from '../types';
import { seedApiFixture } from './api-fixture';
import { waitForProvisioning } from './business-send';
import { DASHBOARD_ORIGIN, measureLive } from './inbox-live';
import { startWorkers } from './webhooks/workers';

const THREADS = 200;
const MESSAGES_PER_THREAD = 50;
const NOW = `(now() AT TIME ZONE 'UTC')`;

/** `conversations` rows, one in ten open (the rest resolved), spread over 50 agents and 5 labels; THREADS with messages. */
async function seed(databaseUrl: string, businessId: string, phoneNumberId: string, conversations: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "Conversation" ("id", "businessId", "phoneNumberId", "waId", "status", "labels", "assigneeType",
                                   "assigneeId", "lastInboundAt", "lastMessageAt", "updatedAt")
       SELECT (1800000000000000 + i)::text, $1, $2, (16500000000 + i)::text,
              CASE WHEN i % 10 = 0 THEN 'open' ELSE 'resolved' END, ARRAY['label' || (i % 5)],
              CASE WHEN i % 3 = 0 THEN NULL ELSE 'user' END, CASE WHEN i % 3 = 0 THEN NULL ELSE 'agent' || (i % 50) END,
              ${NOW} - make_interval(secs => i), ${NOW} - make_interval(secs => i), ${NOW}
       FROM generate_series(1, $3::int) AS i`,
      [businessId, phoneNumberId, conversations],
    );
    await client.query(
      `INSERT INTO "BusinessMessage" ("wamid", "businessId", "phoneNumberId", "direction", "waId", "type", "payload",
                                      "status", "createdAt")
       SELECT 'wamid.bench' || t || '.' || m, $1, $2, CASE WHEN m % 2 = 0 THEN 'inbound' ELSE 'outbound' END::"BusinessMessageDirection",
              (16500000000 + t)::text, 'text', jsonb_build_object('text', jsonb_build_object('body', 'message ' || m)),
              'read'::"BusinessMessageStatus", ${NOW} - make_interval(secs => m)
       FROM generate_series(1, $3::int) AS t, generate_series(1, $4::int) AS m`,
      [businessId, phoneNumberId, THREADS, MESSAGES_PER_THREAD],
    );
    await client.query('ANALYZE "Conversation"; ANALYZE "BusinessMessage"');
  } finally {
    await client.end();
  }
}

async function timed(url: string, token: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return performance.now() - t0;
}

export const inboxSuite: Suite = {
  name: 'inbox',
  description: 'shared inbox reads: conversation list with filters and thread p95 over many conversations',
  options: [
    { name: 'runs', description: 'runs (median reported)', takesValue: true },
    { name: 'conversations', description: 'conversations in the database', takesValue: true },
    { name: 'requests', description: 'requests of each kind per run', takesValue: true },
    { name: 'agents', description: 'agents following the live stream', takesValue: true },
    { name: 'rate', description: 'inbound messages per second from consumer devices', takesValue: true },
    { name: 'seconds', description: 'how long consumers write', takesValue: true },
  ],
  async run(ctx) {
    const runs = intFlag(ctx, 'runs', ctx.quick ? 3 : 5, 50);
    const conversations = intFlag(ctx, 'conversations', ctx.quick ? 20_000 : 100_000, 1_000_000);
    const requests = intFlag(ctx, 'requests', ctx.quick ? 100 : 400, 100_000);
    const agents = intFlag(ctx, 'agents', ctx.quick ? 20 : 50, 500);
    const rate = intFlag(ctx, 'rate', 100, 1_000);
    const seconds = intFlag(ctx, 'seconds', ctx.quick ? 30 : 60, 600);
    const env = await ctx.environment();
    const secretKey = `bench-${randomBytes(24).toString('hex')}`;
    // The consumers who write during the live phase, each at most every half second.
    const fixture = await seedApiFixture(env.databaseUrl, secretKey, Math.max(10, Math.ceil(rate / 2)), 1);
    const client = new pg.Client({ connectionString: env.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ businessId: string }>(
      'SELECT "businessId" FROM "BusinessNumber" WHERE "id" = $1',
      [fixture.phoneNumberId],
    );
    await client.end();
    const businessId = rows[0]!.businessId;
    ctx.log(`seeding ${conversations} conversations, ${THREADS} threads of ${MESSAGES_PER_THREAD} messages`);
    await seed(env.databaseUrl, businessId, fixture.phoneNumberId, conversations);
    const processEnv = {
      SECRET_KEY: secretKey,
      PUBLIC_DASHBOARD_URL: DASHBOARD_ORIGIN,
      OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
      OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test', // consumers register with the development code endpoint
    };
    const api = await ctx.startApi({ env: processEnv });
    await startWorkers(1, env.processEnv(processEnv), { cleanups: ctx.cleanups, verbose: ctx.verbose, log: ctx.log });
    const businessAccount = await waitForProvisioning(env.databaseUrl, fixture.phoneNumberId);
    const base = `${api.url}/v23.0/${businessId}/conversations`;
    const lists = ['?status=open', '?assignee=unassigned', '?assignee=user:agent7&status=open', '?label=label3'];

    const result = await repeat(
      runs,
      async () => {
        const list: number[] = [];
        const thread: number[] = [];
        for (let i = 0; i < requests; i++) {
          list.push(await timed(`${base}${lists[i % lists.length]}&limit=25`, fixture.token));
          const id = 1800000000000000 + 1 + (i % THREADS);
          thread.push(await timed(`${base}/${id}/messages?limit=50`, fixture.token));
        }
        list.sort((a, b) => a - b);
        thread.sort((a, b) => a - b);
        return {
          list_p50_ms: round(percentile(list, 50)),
          list_p95_ms: round(percentile(list, 95)),
          thread_p50_ms: round(percentile(thread, 50)),
          thread_p95_ms: round(percentile(thread, 95)),
        };
      },
      (f, i) =>
        ctx.log(`run ${i + 1}/${runs}: list p95 ${fmt(f.list_p95_ms)} ms, thread p95 ${fmt(f.thread_p95_ms)} ms`),
    );
    const live = await measureLive({
      apiUrl: api.url,
      databaseUrl: env.databaseUrl,
      businessId,
      businessAccount,
      recipients: fixture.recipients,
      agents,
      rate,
      seconds,
      log: ctx.log,
      cleanup: (what, fn) => ctx.cleanups.add(what, fn),
    });
    ctx.log(
      `live: event p50 ${fmt(live.event_p50_ms)} ms, p99 ${fmt(live.event_p99_ms)} ms, missed ${live.missed_events}`,
    );
    return {
      agents,
      conversations,
      open: Math.floor(conversations / 10),
      ...live,
      list_p95_ms: result.median.list_p95_ms,
      thread_p95_ms: result.median.thread_p95_ms,
      list_p50_ms: result.median.list_p50_ms,
      thread_p50_ms: result.median.thread_p50_ms,
      requests,
      runs,
    };
  },
};
