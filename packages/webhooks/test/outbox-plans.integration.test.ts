// The delivery path's statements must stay index probes however large the outbox grows and whatever the planner's
// statistics say. The regression this guards: with a full (subscription, state, nextAttemptAt) index on offer, a
// WebhookDelivery table that had grown past a few thousand rows without ever being analyzed (autovacuum visits a new
// database's tables far less often than the outbox grows) got a hand-on plan that read every pending row of the
// subscription once per settled key: settling 1,000 deliveries took seconds, and the bench slowed down run by run.
import { randomBytes } from 'node:crypto';
import { parseConfig } from '@switchboard/config';
import { dropDatabase, withDatabase } from '@switchboard/devtools/services';
import { applyMigrations } from '@switchboard/prisma/scripts/migrations';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NamedStatement, WebhooksDb } from '../src/db/webhooks-db';
import { DeliveriesRepository } from '../src/delivery/deliveries.repository';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

/** Runs chosen statements under EXPLAIN ANALYZE (so they still take effect) and keeps their plans. */
class ExplainingDb extends WebhooksDb {
  readonly plans = new Map<string, PlanNode>();
  explain = new Set<string>();

  override async prepared<R extends pg.QueryResultRow>(
    on: Pick<pg.Pool | pg.PoolClient, 'query'>,
    statement: NamedStatement,
    params: unknown[],
  ): Promise<pg.QueryResult<R>> {
    if (!this.explain.has(statement.name)) return super.prepared<R>(on, statement, params);
    const { rows } = await on.query({
      text: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
      values: params,
    });
    this.plans.set(statement.name, (rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]!.Plan);
    return { rows: [] } as unknown as pg.QueryResult<R>;
  }
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
const blocks = (n: PlanNode) => n['Shared Hit Blocks'] + n['Shared Read Blocks'];

const BUSINESS = 'b1';
const CHAINS = 2_000; // ordering keys of the subscription under test, three statuses each
const BATCH = 1_000;
/** Keys as long as real wamids: the key index's height is part of what the planner weighs. */
const KEY = `'wamid.HBgL' || md5($2 || '.' || k)`;

describe('outbox plans as the tables grow unanalyzed', () => {
  let url: string;
  let db: ExplainingDb;
  let repo: DeliveriesRepository;

  const sql = (text: string, params: unknown[] = []) => db.pool.query(text, params);

  /** `chains` keys × 3 events for a subscription; settled ones delivered, else pending with only seq 1 due. */
  async function fill(subscriptionId: string, chains: number, settled: boolean) {
    await sql(
      `WITH ev AS (
         INSERT INTO "WebhookEvent" ("businessId", "field", "value", "orderingKey", "seq")
         SELECT $1, 'messages', '{"statuses":[]}', ${KEY}, s
         FROM generate_series(1, $3::int) k, generate_series(1, 3) s ORDER BY k, s
         RETURNING "id", "orderingKey", "seq")
       INSERT INTO "WebhookDelivery" ("eventId", "subscriptionId", "orderingKey", "seq", "state", "nextAttemptAt", "expiresAt")
       SELECT "id", $2, "orderingKey", "seq", $4::"WebhookDeliveryState",
              CASE WHEN $4 = 'delivered' OR "seq" = 1 THEN now() AT TIME ZONE 'UTC' END,
              now() AT TIME ZONE 'UTC' + interval '7 days'
       FROM ev`,
      [BUSINESS, subscriptionId, chains, settled ? 'delivered' : 'pending'],
    );
    await sql(
      `INSERT INTO "WebhookSequence" ("businessId", "orderingKey", "lastSeq")
       SELECT $1, ${KEY}, 3 FROM generate_series(1, $3::int) k`,
      [BUSINESS, subscriptionId, chains],
    );
  }

  beforeAll(async () => {
    const base = process.env.DATABASE_URL!;
    url = withDatabase(base, `${new URL(base).pathname.slice(1)}_whplan${randomBytes(4).toString('hex')}`);
    await applyMigrations(url);
    db = new ExplainingDb(parseConfig({ ...process.env, DATABASE_URL: url }));
    repo = new DeliveriesRepository(db);
    // What a busy new database looks like: the table has grown, autovacuum has not analyzed it yet.
    await sql(`ALTER TABLE "WebhookDelivery" SET (autovacuum_enabled = false)`);
    for (let i = 0; i < 6; i++) await fill(`old${i}`, 1_000, true);
  });

  afterAll(async () => {
    await db?.end();
    if (url) await dropDatabase(url).catch(() => undefined);
  });

  for (const stats of ['never analyzed', 'analyzed before this subscription existed'] as const) {
    it(`claims and settles with index probes (${stats})`, async () => {
      const sub = `sub-${stats.length}`;
      if (stats !== 'never analyzed') await sql(`ANALYZE "WebhookDelivery"`);
      await fill(sub, CHAINS, false);

      // The claim reads the due heads it returns, not the subscription's backlog.
      db.explain = new Set(['webhooks.claim']);
      await repo.claim(sub, BATCH, 60_000, 'probe');
      const claimPlan = db.plans.get('webhooks.claim')!;
      expect(blocks(claimPlan) / BATCH).toBeLessThan(20);
      await sql(`UPDATE "WebhookDelivery" SET "leaseToken" = NULL, "leaseUntil" = NULL WHERE "subscriptionId" = $1`, [
        sub,
      ]);

      db.explain = new Set();
      const claimed = await repo.claim(sub, BATCH, 60_000, 'lease');
      expect(claimed).toHaveLength(BATCH);

      db.explain = new Set(['webhooks.succeed']);
      // One change per POST, the default: a POST (and its log row) per delivery, settled together.
      const attempt = { startedAtMs: Date.now(), latencyMs: 1, statusCode: 200, error: null, bytes: 1, signature: 's' };
      const posts = claimed.map((d) => ({ ok: true, deliveries: [d], attempt, random: 0 }));
      await repo.settle(sub, BUSINESS, 'lease', posts, { baseMs: 1, maxMs: 1 });
      const plan = db.plans.get('webhooks.succeed')!;
      // Each settled key: its own update, one probe for its successor, the successor's update (a few pages each).
      // The plan this replaces read ~3 pages per pending row of the subscription, per key.
      expect(blocks(plan) / BATCH).toBeLessThan(60);
      const probes = nodes(plan).filter(
        (n) => n['Index Name']?.startsWith('WebhookDelivery_') && n['Node Type'] !== 'ModifyTable',
      );
      expect(probes.map((n) => n['Index Name'])).not.toContain('WebhookDelivery_due_idx');

      // And it did the work: every key handed on to its seq 2, which is what the next claim gets.
      db.explain = new Set();
      const next = await repo.claim(sub, BATCH * 2, 60_000, 'next');
      const seqs = await sql(
        `SELECT DISTINCT "seq"::int AS seq FROM "WebhookDelivery" WHERE "id" = ANY ($1::bigint[])`,
        [next.map((d) => d.id)],
      );
      expect(next).toHaveLength(CHAINS);
      expect(seqs.rows.map((r) => r.seq).sort()).toEqual([1, 2]);
    });
  }
});
