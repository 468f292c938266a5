import { Injectable } from '@nestjs/common';
import type { Prisma } from '@switchboard/db';
import { MessagesDb } from '../log/messages-db';

const FIND_SQL = `
SELECT "bodyHash", "response" FROM "SendIdempotencyKey"
WHERE "businessId" = $1 AND "key" = $2 AND "createdAt" > now() - interval '24 hours'`;

// A key expired for 24 hours is taken over; a live one is not, and the caller's transaction must not go on.
const CLAIM_SQL = `
INSERT INTO "SendIdempotencyKey" AS k ("businessId", "key", "bodyHash", "response", "wamid", "createdAt")
VALUES ($1, $2, $3, $4, NULL, now())
ON CONFLICT ("businessId", "key") DO UPDATE
  SET "bodyHash" = EXCLUDED."bodyHash", "response" = EXCLUDED."response", "wamid" = NULL,
      "createdAt" = EXCLUDED."createdAt"
  WHERE k."createdAt" <= now() - interval '24 hours'
RETURNING 1 AS claimed`;

// Expired keys, a bounded batch at a time ($1 rows): one long DELETE would hold its locks for the whole table.
const PURGE_SQL = `
DELETE FROM "SendIdempotencyKey" WHERE ctid IN (
  SELECT ctid FROM "SendIdempotencyKey" WHERE "createdAt" <= now() - interval '24 hours' LIMIT $1)`;

/** Idempotency keys in Postgres. Sends claim theirs inside the accept statement (ACCEPT_SQL). */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: MessagesDb) {}

  /** The live key's request hash and stored answer, if any. */
  async find(businessId: string, key: string): Promise<{ bodyHash: Buffer; response: string } | undefined> {
    const { rows } = await this.db.prepared<{ bodyHash: Buffer; response: string }>('sb_idempotency_find', FIND_SQL, [
      businessId,
      key,
    ]);
    return rows[0];
  }

  /**
   * Claims the key inside the caller's transaction, with what a replay answers. False when a live key exists; a
   * concurrent claim of the same key waits here until the first transaction ends.
   */
  async claim(
    tx: Prisma.TransactionClient,
    businessId: string,
    claim: { key: string; hash: Buffer; response: string },
  ): Promise<boolean> {
    const rows = await tx.$queryRawUnsafe<unknown[]>(
      CLAIM_SQL,
      businessId,
      claim.key,
      new Uint8Array(claim.hash),
      claim.response,
    );
    return rows.length > 0;
  }

  /** Deletes up to `limit` keys expired for 24 hours; returns how many. */
  async purgeExpired(limit: number): Promise<number> {
    const { rowCount } = await this.db.query(PURGE_SQL, [limit]);
    return rowCount ?? 0;
  }
}
