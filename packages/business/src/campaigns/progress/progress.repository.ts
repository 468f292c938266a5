import type { PrismaService } from '@switchboard/platform';

/**
 * The ledger without its DISPATCHED rows (those are counted from their messages below). PENDING is counted from the
 * (campaignId, state, seq) index alone; SKIPPED and FAILED rows are read for their reason.
 */
const LEDGER_SQL = `
SELECT "campaignId" AS id, 'PENDING' AS state, NULL AS reason, count(*)::int AS n FROM "CampaignRecipient"
WHERE "campaignId" = ANY($1::text[]) AND "state" = 'PENDING' GROUP BY 1
UNION ALL
SELECT "campaignId", "state"::text, "reason", count(*)::int FROM "CampaignRecipient"
WHERE "campaignId" = ANY($1::text[]) AND "state" IN ('SKIPPED', 'FAILED') GROUP BY 1, 2, 3`;

/**
 * Dispatched recipients by their message's current status (each counted once, in its latest status), from the
 * (campaignId, status) index; failed ones are read for their Cloud API error code.
 */
const MESSAGES_SQL = `
SELECT "campaignId" AS id, "status"::text AS status, NULL AS code, count(*)::int AS n FROM "BusinessMessage"
WHERE "campaignId" = ANY($1::text[]) AND "status" <> 'failed' GROUP BY 1, 2
UNION ALL
SELECT "campaignId", 'failed', coalesce("error" ->> 'code', 'unknown'), count(*)::int FROM "BusinessMessage"
WHERE "campaignId" = ANY($1::text[]) AND "status" = 'failed' GROUP BY 1, 3`;

/** The campaigns' ledger rows counted by state (PENDING, SKIPPED and FAILED with their reason). */
export function countLedger(prisma: PrismaService['client'], ids: string[]) {
  return prisma.$queryRawUnsafe<{ id: string; state: string; reason: string | null; n: number }[]>(LEDGER_SQL, ids);
}

/** The campaigns' messages counted by status (failed ones by error code). */
export function countMessages(prisma: PrismaService['client'], ids: string[]) {
  return prisma.$queryRawUnsafe<{ id: string; status: string; code: string | null; n: number }[]>(MESSAGES_SQL, ids);
}
