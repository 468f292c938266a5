import type { Prisma } from '@switchboard/db';
import type { AudienceRow } from './audience-row';
import { firstContactSql, INSERT_CSV_BATCH_SQL, insertContactsSql } from './ledger.sql';

// The campaign ledger as a create writes it (statements in ledger.sql.ts) and reads it back for its report, in the
// create's transaction.
type Tx = Prisma.TransactionClient;

/** Rows per INSERT: 7 arrays of this length are well under any parameter size limit and keep each statement short. */
const BATCH = 10_000;

export interface ContactSelector {
  tags: string[];
  attributes: Record<string, string | number | boolean>;
}

/** CSV rows → ledger rows `seq` 1..n, in batched multi-row inserts; opt-outs are marked against Contact. */
export async function insertCsvLedger(
  tx: Tx,
  campaignId: string,
  businessId: string,
  rows: AudienceRow[],
  marketing: boolean,
): Promise<number> {
  for (let from = 0; from < rows.length; from += BATCH) {
    const batch = rows.slice(from, from + BATCH);
    await tx.$executeRawUnsafe(
      INSERT_CSV_BATCH_SQL,
      campaignId,
      businessId,
      batch.map((_, i) => from + i + 1),
      batch.map((r) => r.input),
      batch.map((r) => r.waId),
      batch.map((r) => (r.variables ? JSON.stringify(r.variables) : null)),
      batch.map((r) => r.reason),
      marketing,
    );
  }
  return rows.length;
}

/**
 * A contact audience → ledger rows, in one INSERT … SELECT; answers how many rows it wrote. Measured once here:
 * ~15 s for 1,000,000 contacts with one variable (~11 s with none), so the create request takes that long.
 */
export function insertContactLedger(
  tx: Tx,
  campaignId: string,
  businessId: string,
  selector: ContactSelector,
  names: string[],
  marketing: boolean,
): Promise<number> {
  return tx.$executeRawUnsafe(
    insertContactsSql(names.length),
    campaignId,
    businessId,
    selector.tags,
    JSON.stringify(selector.attributes),
    names,
    marketing,
  );
}

/** The variables of the first contact in the audience that has all of `names` (undefined: none has). */
export async function firstContactVariables(
  db: Tx,
  businessId: string,
  selector: ContactSelector,
  names: string[],
): Promise<Record<string, string> | undefined> {
  const rows = await db.$queryRawUnsafe<{ vars: Record<string, string> | null }[]>(
    firstContactSql(names.length),
    businessId,
    selector.tags,
    JSON.stringify(selector.attributes),
    names,
  );
  return rows[0] ? (rows[0].vars ?? {}) : undefined;
}

/** The ledger just written, counted by state and reason (in the create's transaction). */
export function ledgerCounts(tx: Tx, campaignId: string) {
  return tx.$queryRawUnsafe<{ state: string; reason: string | null; n: number }[]>(
    `SELECT "state"::text AS state, "reason", count(*)::int AS n FROM "CampaignRecipient"
     WHERE "campaignId" = $1 GROUP BY 1, 2`,
    campaignId,
  );
}

/** The first `limit` skipped rows, in audience order. */
export function skippedSamples(tx: Tx, campaignId: string, limit: number) {
  return tx.$queryRawUnsafe<{ row: number; input: string; reason: string }[]>(
    `SELECT "seq" AS row, "input", "reason" FROM "CampaignRecipient"
     WHERE "campaignId" = $1 AND "state" = 'SKIPPED' ORDER BY "seq" LIMIT $2`,
    campaignId,
    limit,
  );
}

/** Fresh planner statistics for the ledger, after a large audience arrived in one statement. */
export async function analyzeLedger(db: Tx): Promise<void> {
  await db.$executeRawUnsafe('ANALYZE "CampaignRecipient"');
}
