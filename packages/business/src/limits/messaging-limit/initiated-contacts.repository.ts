import type { Prisma } from '@switchboard/db';
import type { PrismaService } from '@switchboard/platform';

// BusinessInitiatedContact beyond the statements that write it with its message (a send's accept, a campaign's
// dispatch): the messaging limit's rebuild reads it, and a consumer's place can be given back.

/** A consumer's place given back, in the caller's transaction. */
export async function forgetInitiated(tx: Prisma.TransactionClient, businessId: string, waId: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "BusinessInitiatedContact" WHERE "businessId" = ${businessId} AND "waId" = ${waId}`;
}

/** The consumers contacted outside a window in the last `windowMs`, with when (epoch ms). */
export function initiatedSince(
  db: PrismaService['client'],
  businessId: string,
  windowMs: number,
): Promise<{ waId: string; ms: number }[]> {
  return db.$queryRaw<{ waId: string; ms: number }[]>`
    SELECT "waId", (extract(epoch from "lastAt") * 1000)::float8 AS ms FROM "BusinessInitiatedContact"
    WHERE "businessId" = ${businessId} AND "lastAt" > now() - ${windowMs} * interval '1 ms'`;
}
