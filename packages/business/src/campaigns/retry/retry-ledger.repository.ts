import type { Prisma } from '@switchboard/db';
import { FIRST_FAILURE_SQL, INSERT_RETRY_SQL } from './retry-ledger.sql';

type Tx = Prisma.TransactionClient;

/** The first retryable failure's variables: undefined when there is none left to retry. */
export async function firstFailure(
  db: Tx,
  campaignId: string,
  businessId: string,
  codes: readonly string[],
): Promise<{ vars: Record<string, string> | null } | undefined> {
  const rows = await db.$queryRawUnsafe<{ vars: Record<string, string> | null }[]>(
    FIRST_FAILURE_SQL,
    campaignId,
    businessId,
    codes,
  );
  return rows[0];
}

/**
 * Writes the retry's ledger; answers how many rows. Serialised per original campaign (a transaction-scoped advisory
 * lock), so two concurrent retries cannot both take the same recipients.
 */
export async function insertRetryLedger(
  tx: Tx,
  original: string,
  businessId: string,
  codes: readonly string[],
  retryId: string,
  marketing: boolean,
): Promise<number> {
  await tx.$executeRawUnsafe(`SELECT 1 FROM pg_advisory_xact_lock(hashtext('campaign-retry:' || $1::text))`, original);
  return tx.$executeRawUnsafe(INSERT_RETRY_SQL, original, businessId, codes, retryId, marketing);
}
