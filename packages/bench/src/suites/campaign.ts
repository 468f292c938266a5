// Suite `campaign`: one large campaign (1,000,000 recipients; --quick 20,000) of an approved template to contacts
// chosen by tag, created through the real API and dispatched by real worker processes (two by default) on the real
// queues, ledger, message log and send outbox, under the number's configured throughput (GCRA in Redis), the pair
// rate and the messaging limit (the business is on TIER_UNLIMITED, so the limit is checked but never binds).
// What stands in: the consumers' side. The business device is off in the workers (BUSINESS_DEVICE=off) and this
// process plays a fast gateway: it takes the send outbox's rows and marks their messages sent, as the device would
// after the core's ✓ — encryption and delivery are what `business-send` measures.
// Figures: achieved rate over the whole campaign (first to last dispatch, from the ledger), its error against the
// configured rate, the largest count in any 1-second window, worker RSS (max, and its growth from the first to the
// second half), Redis memory above what it used before the run, duplicates and skips checked in Postgres.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ProcessHandle } from '@switchboard/devtools';
import { Redis } from 'ioredis';
import pg from 'pg';
import { intFlag } from '../harness/flags';
import { fmt } from '../harness/log';
import { round } from '../harness/stats';
import type { Suite } from '../types';
import { startWorkers } from './webhooks/workers';

const BUSINESS_ID = '1910000000000001';
const NUMBER_ID = '1910000000000002';
const KEY_ID = '1910000000000003';
const TEMPLATE_ID = '1910000000000004';
/** What the seeded numbering plan holds (4 area codes × 800,000). */
const MAX_RECIPIENTS = 3_200_000;

export const campaignSuite: Suite = {
  name: 'campaign',
  description:
    'a 1,000,000-recipient campaign at a configured rate: rate error, worker RSS, Redis memory, exactly once',
  options: [
    { name: 'recipients', description: 'audience size (default 1000000, quick 20000)', takesValue: true },
    { name: 'rate', description: 'the number’s messages per second (default 1000)', takesValue: true },
    { name: 'workers', description: 'worker processes (default 2)', takesValue: true },
  ],
  async run(ctx) {
    const plan = {
      recipients: intFlag(ctx, 'recipients', ctx.quick ? 20_000 : 1_000_000, MAX_RECIPIENTS),
      rate: intFlag(ctx, 'rate', 1_000, 1_000),
      workers: intFlag(ctx, 'workers', 2, 16),
    };
    const env = await ctx.environment();
    const secretKey = `bench-${randomBytes(24).toString('hex')}`;
    const processEnv = env.processEnv({ SECRET_KEY: secretKey, LOG_LEVEL: 'warn', BUSINESS_DEVICE: 'off' });
    const db = new pg.Pool({ connectionString: env.databaseUrl, max: 3 });
    ctx.cleanups.add('close bench pool', () => db.end());
    const redis = new Redis(env.redisUrl);
    ctx.cleanups.add('close bench redis', async () => void redis.disconnect());

    const t0 = Date.now();
    const token = await seed(db, secretKey, plan.recipients, plan.rate);
    ctx.log(`seeded ${fmt(plan.recipients)} contacts in ${Date.now() - t0} ms`);
    const redisBaseline = await usedMemory(redis);
    const api = await ctx.startApi({ env: { SECRET_KEY: secretKey, BUSINESS_DEVICE: 'off' } });
    const workers = await startWorkers(plan.workers, processEnv, {
      cleanups: ctx.cleanups,
      verbose: ctx.verbose,
      log: ctx.log,
    });

    const tCreate = Date.now();
    const res = await fetch(`${api.url}/v23.0/${BUSINESS_ID}/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Bench',
        phone_number_id: NUMBER_ID,
        template: {
          name: 'bench_sale',
          language: { code: 'en_US' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: '{{first_name}}' }] }],
        },
        audience: { tags: ['bench'] },
      }),
    });
    const created = (await res.json()) as { id?: string; error?: unknown };
    if (!res.ok || !created.id) throw new Error(`campaign creation failed (${res.status}): ${JSON.stringify(created)}`);
    const campaignId = created.id;
    ctx.log(`campaign ${campaignId} created (audience built) in ${Date.now() - tCreate} ms`);

    const samples = { rss: [] as number[], redis: [] as number[] };
    const standIn = gatewayStandIn(db);
    ctx.cleanups.add('stop the gateway stand-in', () => standIn.stop()); // before the pool it uses is closed
    let done = false;
    let lastLog = Date.now();
    while (!done) {
      await new Promise((r) => setTimeout(r, 1_000));
      samples.rss.push(rssMb(workers));
      samples.redis.push(Math.max(0, (await usedMemory(redis)) - redisBaseline) / 1024 / 1024);
      const { rows } = await db.query(`SELECT "status" FROM "Campaign" WHERE "id" = $1`, [campaignId]);
      done = rows[0]?.status === 'COMPLETED';
      const dead = workers.find((w) => w.hasExited());
      if (dead) throw new Error(`${dead.name} exited:\n${dead.output()}`);
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        const { rows: p } = await db.query(
          `SELECT count(*)::int AS n FROM "CampaignRecipient" WHERE "campaignId" = $1 AND "state" = 'DISPATCHED'`,
          [campaignId],
        );
        ctx.log(`${fmt(p[0].n)} dispatched; worker RSS ${round(samples.rss.at(-1)!, 0)} MB`);
      }
    }
    await standIn.stop();

    const figures = await check(db, campaignId, plan.recipients);
    const half = Math.floor(samples.rss.length / 2);
    const rateError = ((figures.achieved - plan.rate) / plan.rate) * 100;
    ctx.log(
      `achieved ${round(figures.achieved, 1)} msgs/s of ${plan.rate} (${round(rateError, 2)} %), ` +
        `max 1 s window ${figures.maxWindow}, duplicates ${figures.duplicates}, skipped ${figures.skipped}`,
    );
    return {
      recipients: plan.recipients,
      configured_rate: plan.rate,
      achieved_rate: round(figures.achieved, 1),
      rate_error_pct: round(rateError, 2),
      max_1s_window: figures.maxWindow,
      worker_rss_mb_max: round(Math.max(...samples.rss), 1),
      worker_rss_mb_growth: round(Math.max(...samples.rss.slice(half)) - Math.max(...samples.rss.slice(0, half)), 1),
      redis_used_mb_max: round(Math.max(...samples.redis), 1),
      duplicates: figures.duplicates,
      skipped: figures.skipped,
      workers: plan.workers,
    };
  },
};

/** The tenant, its approved template and the audience, written straight into the bench database. */
async function seed(db: pg.Pool, secretKey: string, recipients: number, rate: number): Promise<string> {
  const token = `sb_live_${randomBytes(32).toString('base64url')}`;
  const tokenHash = createHmac('sha256', secretKey).update(token).digest();
  await db.query(
    `INSERT INTO "Business" ("id", "name", "templateNamespace", "messagingLimitTier")
     VALUES ($1, 'Bench', $2, 'TIER_UNLIMITED')`,
    [BUSINESS_ID, randomBytes(16).toString('hex')],
  );
  await db.query(
    `INSERT INTO "BusinessNumber" ("id", "businessId", "phoneNumber", "verifiedName", "messagesPerSecond")
     VALUES ($1, $2, '+14155550100', 'Bench', $3)`,
    [NUMBER_ID, BUSINESS_ID, rate],
  );
  await db.query(
    `INSERT INTO "ApiKey" ("id", "businessId", "name", "tokenHash", "hint") VALUES ($1, $2, 'bench', $3, $4)`,
    [KEY_ID, BUSINESS_ID, tokenHash, token.slice(-4)],
  );
  await db.query(
    `INSERT INTO "MessageTemplate" ("id", "businessId", "name", "language", "category", "parameterFormat",
                                    "components", "status", "updatedAt")
     VALUES ($1, $2, 'bench_sale', 'en_US', 'MARKETING', 'POSITIONAL', $3, 'APPROVED', now())`,
    [
      TEMPLATE_ID,
      BUSINESS_ID,
      JSON.stringify([{ type: 'BODY', text: 'Hi {{1}}, the sale starts today.', example: { body_text: [['Ana']] } }]),
    ],
  );
  // +1 AAA 2NN NNNN: valid US numbers — 4 area codes × exchanges 220-299 (no N11 codes) × 10,000 lines.
  await db.query(
    `INSERT INTO "Contact" ("businessId", "waId", "tags", "attributes", "updatedAt")
     SELECT $1, '1' || (ARRAY[650, 415, 212, 312])[i / 800000 + 1] || (220 + (i % 800000) % 80)
                || lpad(((i % 800000) / 80)::text, 4, '0'),
            '{bench}', jsonb_build_object('first_name', 'Friend' || i), now()
     FROM generate_series(0, $2 - 1) AS i`,
    [BUSINESS_ID, recipients],
  );
  return token;
}

/**
 * The consumers' side, fast: every 200 ms, take up to 20,000 outbox rows and mark their messages sent, as the business
 * device does after the core's ✓ (without the encryption and delivery `business-send` measures).
 */
function gatewayStandIn(db: pg.Pool) {
  let stopped = false;
  let ended: Promise<void> | undefined;
  const loop = (async () => {
    while (!stopped) {
      await db.query(
        `WITH taken AS (
           DELETE FROM "SendOutbox" WHERE "id" IN (SELECT "id" FROM "SendOutbox" ORDER BY "id" LIMIT 20000)
           RETURNING "messageId")
         UPDATE "BusinessMessage" SET "status" = 'sent', "sentAt" = now() WHERE "id" IN (SELECT "messageId" FROM taken)`,
      );
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    stop() {
      stopped = true;
      ended ??= loop;
      return ended;
    },
  };
}

async function check(db: pg.Pool, campaignId: string, recipients: number) {
  const { rows: m } = await db.query(
    `SELECT count(*)::int AS messages, count(DISTINCT "waId")::int AS consumers FROM "BusinessMessage"
     WHERE "campaignId" = $1`,
    [campaignId],
  );
  const { rows: l } = await db.query(
    `SELECT count(*) FILTER (WHERE "state" = 'DISPATCHED')::int AS dispatched,
            extract(epoch FROM max("dispatchedAt") - min("dispatchedAt"))::float8 AS span_s
     FROM "CampaignRecipient" WHERE "campaignId" = $1`,
    [campaignId],
  );
  // The busiest 1-second window: for each message, how many were logged in the second that starts with it.
  const { rows: w } = await db.query(
    `SELECT coalesce(max(n), 0)::int AS max FROM (
       SELECT count(*) OVER (ORDER BY "dispatchedAt" RANGE BETWEEN CURRENT ROW AND '999 milliseconds' FOLLOWING) AS n
       FROM "CampaignRecipient" WHERE "campaignId" = $1 AND "state" = 'DISPATCHED') t`,
    [campaignId],
  );
  const consumers = m[0].consumers as number;
  return {
    achieved: (l[0].dispatched - 1) / l[0].span_s,
    duplicates: (m[0].messages as number) - consumers,
    skipped: recipients - consumers,
    maxWindow: w[0].max as number,
  };
}

function rssMb(workers: ProcessHandle[]): number {
  let max = 0;
  for (const w of workers) {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${w.pid}/status`, 'utf8'))?.[1] ?? 0);
      max = Math.max(max, kb / 1024);
    } catch {
      // exited: reported by the loop
    }
  }
  return max;
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
}
