import type { Prisma } from '@switchboard/db';

/** How many problem rows the create answer lists. */
const SAMPLES = 20;

export interface AudienceReport {
  recipients: number;
  pending: number;
  invalid: number;
  duplicates: number;
  opted_out: number;
  missing_variable: number;
  /** The first problems, in audience order: `row` is the ledger position (the CSV's data row, header not counted). */
  samples: { row: number; input: string; reason: string }[];
}

/** What the audience became, read back from the ledger just written (same transaction): the create's `report`. */
export async function audienceReport(tx: Prisma.TransactionClient, campaignId: string): Promise<AudienceReport> {
  const counts = await tx.$queryRawUnsafe<{ state: string; reason: string | null; n: number }[]>(
    `SELECT "state"::text AS state, "reason", count(*)::int AS n FROM "CampaignRecipient"
     WHERE "campaignId" = $1 GROUP BY 1, 2`,
    campaignId,
  );
  const samples = await tx.$queryRawUnsafe<{ row: number; input: string; reason: string }[]>(
    `SELECT "seq" AS row, "input", "reason" FROM "CampaignRecipient"
     WHERE "campaignId" = $1 AND "state" = 'SKIPPED' ORDER BY "seq" LIMIT ${SAMPLES}`,
    campaignId,
  );
  const of = (reason: string) => counts.find((c) => c.reason === reason)?.n ?? 0;
  return {
    recipients: counts.reduce((sum, c) => sum + c.n, 0),
    pending: counts.find((c) => c.state === 'PENDING')?.n ?? 0,
    invalid: of('invalid_number'),
    duplicates: of('duplicate'),
    opted_out: of('opted_out'),
    missing_variable: of('missing_variable'),
    samples,
  };
}
