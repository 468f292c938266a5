import type { Prisma } from '@switchboard/db';
import { ledgerCounts, skippedSamples } from './audience-ledger.repository';

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
  const counts = await ledgerCounts(tx, campaignId);
  const samples = await skippedSamples(tx, campaignId, SAMPLES);
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
