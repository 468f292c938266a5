import { Injectable } from '@nestjs/common';
import type { Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';

type Tx = Prisma.TransactionClient;

/**
 * Numbers the event and stores it: $1 businessId, $2 kind, $3 conversationId, $4 payload. The counter's row stays
 * locked until the caller's transaction ends, so a business's events commit in the order of their numbers: a reader
 * that sees number n has every number below it, and a client resuming after n misses nothing.
 */
const RECORD_SQL = `
WITH n AS (
  INSERT INTO "InboxEventCounter" ("businessId", "seq") VALUES ($1, 1)
  ON CONFLICT ("businessId") DO UPDATE SET "seq" = "InboxEventCounter"."seq" + 1
  RETURNING "seq")
INSERT INTO "InboxEvent" ("businessId", "seq", "kind", "conversationId", "payload", "createdAt")
SELECT $1, n."seq", $2, $3, $4::jsonb, now() AT TIME ZONE 'UTC' FROM n`;

/** $1 businessId, $2 after this number, $3 how many at most. */
const SINCE_SQL = `
SELECT "seq", "kind", "payload" FROM "InboxEvent"
WHERE "businessId" = $1 AND "seq" > $2
ORDER BY "seq" LIMIT $3`;

/** The last number given, and the oldest still kept (a cursor before it cannot be resumed). */
const BOUNDS_SQL = `
SELECT c."seq" AS "head", (SELECT min("seq") FROM "InboxEvent" e WHERE e."businessId" = $1) AS "oldest"
FROM "InboxEventCounter" c WHERE c."businessId" = $1`;

/** $1 seconds kept, $2 how many at most. */
const PURGE_SQL = `
DELETE FROM "InboxEvent" WHERE ctid IN (
  SELECT ctid FROM "InboxEvent"
  WHERE "createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $1) LIMIT $2)`;

export interface StoredEvent {
  seq: bigint;
  kind: string;
  payload: unknown;
}

/** The inbox's event log in Postgres: what live connections deliver and what a returning one catches up from. */
@Injectable()
export class InboxEventsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Must be the transaction's last write to the business's inbox: the counter's lock is held until it commits. */
  async record(tx: Tx, businessId: string, kind: string, conversationId: string | null, payload: unknown) {
    await tx.$executeRawUnsafe(RECORD_SQL, businessId, kind, conversationId, JSON.stringify(payload));
  }

  since(businessId: string, after: bigint, limit: number): Promise<StoredEvent[]> {
    return this.prisma.client.$queryRawUnsafe<StoredEvent[]>(SINCE_SQL, businessId, after, limit);
  }

  async bounds(businessId: string): Promise<{ head: bigint; oldest: bigint | null }> {
    const [row] = await this.prisma.client.$queryRawUnsafe<{ head: bigint; oldest: bigint | null }[]>(
      BOUNDS_SQL,
      businessId,
    );
    return row ?? { head: 0n, oldest: null };
  }

  /** Deletes up to `limit` events older than `keepSeconds`; answers how many went. */
  purge(keepSeconds: number, limit: number): Promise<number> {
    return this.prisma.client.$executeRawUnsafe(PURGE_SQL, keepSeconds, limit);
  }
}
