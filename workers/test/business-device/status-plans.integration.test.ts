// The ✓ statuses of a burst are one UPDATE for many messages (StatusReporter.advanceMany). The regression this guards:
// joined to unnest(wamids), it met a young BusinessMessage table whose statistics said almost nothing was 'queued',
// and Postgres looped over the status index comparing every queued row with every wamid — 2.5 M rows thrown away and
// 300–500 ms for 512 messages in the business-send bench. The statement must touch about as many rows as it updates.
import { randomBytes } from 'node:crypto';
import { MARK_MANY_SQL } from '@switchboard/business/messages/log/message-status.repository';
import { dropDatabase, withDatabase } from '@switchboard/devtools/services';
import { applyMigrations } from '@switchboard/prisma/scripts/migrations';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface PlanNode {
  'Node Type': string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Join Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
const removed = (n: PlanNode) =>
  (n['Rows Removed by Filter'] ?? 0) +
  (n['Rows Removed by Join Filter'] ?? 0) +
  (n['Rows Removed by Index Recheck'] ?? 0);

describe('the many-message status update as BusinessMessage grows unanalyzed', () => {
  let url: string;
  let db: pg.Client;

  /** `n` outbound messages in `status`, wamids `wamid.<tag>.<i>`. */
  const fill = (tag: string, n: number, status: string) =>
    db.query(
      `INSERT INTO "BusinessMessage" ("wamid", "businessId", "phoneNumberId", "direction", "waId", "type", "payload", "status")
       SELECT 'wamid.' || $1 || '.' || i, 'b1', 'p1', 'outbound', '1555' || (i % 50), 'text', '{}'::jsonb,
              $2::"BusinessMessageStatus"
       FROM generate_series(1, $3::int) AS i`,
      [tag, status, n],
    );

  beforeAll(async () => {
    const base = process.env.DATABASE_URL!;
    url = withDatabase(base, `${new URL(base).pathname.slice(1)}_stplan${randomBytes(4).toString('hex')}`);
    await applyMigrations(url);
    db = new pg.Client({ connectionString: url });
    await db.connect();
    // The bench's state: analyzed while little was queued, then a burst queued before autovacuum came back.
    await db.query(`ALTER TABLE "BusinessMessage" SET (autovacuum_enabled = false)`);
    await fill('old', 100_000, 'delivered'); // big enough that probing the wamid index is the right plan
    await db.query(`ANALYZE "BusinessMessage"`);
    await fill('new', 5_000, 'queued');
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    if (url) await dropDatabase(url);
  });

  it('marks 512 messages sent touching about 512 rows', async () => {
    const wamids = Array.from({ length: 512 }, (_, i) => `wamid.new.${i * 9 + 1}`);
    const at = wamids.map(() => new Date().toISOString());
    await db.query('BEGIN');
    try {
      const { rows } = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${MARK_MANY_SQL}`, [wamids, 'sent', at]);
      const plan = (rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]!.Plan;
      expect(plan['Actual Rows']).toBe(512); // every message moved once
      const wasted = nodes(plan).reduce((sum, n) => sum + removed(n), 0);
      expect(wasted).toBeLessThan(1_024);
      const marked = await db.query(
        `SELECT count(*)::int AS n FROM "BusinessMessage" WHERE "status" = 'sent' AND "sentAt" IS NOT NULL`,
      );
      expect(marked.rows[0].n).toBe(512);
    } finally {
      await db.query('ROLLBACK');
    }
  });
});
