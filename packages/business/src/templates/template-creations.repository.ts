import type { Prisma } from '@switchboard/db';

type Tx = Prisma.TransactionClient;

// A business's template creations as the rolling-hour limit books them, in the create's transaction.

/**
 * The business's recent creation times, its row locked until the transaction ends (FOR NO KEY UPDATE, so inserts
 * that reference the business are not blocked); undefined when there is no such business.
 */
export async function lockCreations(tx: Tx, businessId: string): Promise<Date[] | undefined> {
  const [business] = await tx.$queryRaw<{ creations: Date[] }[]>`
    SELECT COALESCE("templateCreations", '{}') AS creations FROM "Business" WHERE id = ${businessId} FOR NO KEY UPDATE`;
  return business?.creations;
}

export function countTemplates(tx: Tx, businessId: string): Promise<number> {
  return tx.messageTemplate.count({ where: { businessId } });
}

export async function saveCreations(tx: Tx, businessId: string, creations: Date[]): Promise<void> {
  await tx.business.update({ where: { id: businessId }, data: { templateCreations: creations } });
}
