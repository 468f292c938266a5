import type { PrismaService } from '@switchboard/platform';
import { recipientsPageSql } from './recipients.sql';

export interface RecipientRow {
  seq: string;
  input: string;
  waId: string | null;
  state: string;
  reason: string | null;
  code: string | null;
  wamid: string | null;
  dispatchedAt: Date | null;
}

export interface RecipientFilter {
  /** Rows with a larger seq only, or a smaller one. */
  above?: number;
  below?: number;
  /** Largest seq first (the default is audience order). */
  descending?: boolean;
  state?: string;
  code?: string;
  digits?: string;
  take: number;
}

/** One page of the ledger with each recipient's message status (recipients.sql.ts). */
export function recipientsPage(prisma: PrismaService['client'], campaignId: string, f: RecipientFilter) {
  return prisma.$queryRawUnsafe<RecipientRow[]>(
    recipientsPageSql(f.descending ?? false),
    campaignId,
    f.above ?? null,
    f.below ?? null,
    f.state ?? null,
    f.code ?? null,
    f.digits ?? null,
    f.take,
  );
}
