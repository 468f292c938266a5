import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import type { RawClient } from '../keystore/device-keys.repository';

/** One claimed SendOutbox row (docs/business.md, "Sending"). */
export interface OutboxRow {
  id: bigint;
  kind: string;
  businessId: string;
  phoneNumberId: string;
  messageId: bigint;
  wamid: string;
  waId: string;
  typingIndicator: string | null;
  attempts: number;
}

const LEASE_SECONDS = 60;

/**
 * Claims rows of a conversation only when no earlier row of it is leased or waiting to retry, so one consumer's
 * messages leave in the order they were accepted, whichever worker holds them. $1 how many.
 */
const CLAIM_SQL = `
UPDATE "SendOutbox" SET "leaseUntil" = now() + interval '${LEASE_SECONDS} seconds', "attempts" = "attempts" + 1
WHERE "id" IN (
  SELECT o."id" FROM "SendOutbox" o
  WHERE o."nextAttemptAt" <= now() AND (o."leaseUntil" IS NULL OR o."leaseUntil" < now())
    AND NOT EXISTS (
      SELECT 1 FROM "SendOutbox" p
      WHERE p."phoneNumberId" = o."phoneNumberId" AND p."waId" = o."waId" AND p."id" < o."id"
        AND (p."nextAttemptAt" > now() OR p."leaseUntil" >= now()))
  ORDER BY o."id" LIMIT $1 FOR UPDATE SKIP LOCKED)
RETURNING "id", "kind", "businessId", "phoneNumberId", "messageId", "wamid", "waId", "typingIndicator", "attempts"`;

// Serializes claims (held for the claim's short transaction), so two workers never split one conversation.
const CLAIM_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtextextended('business-send-claim', 0))`;

const RELEASE_SQL = `UPDATE "SendOutbox" SET "leaseUntil" = NULL WHERE "id" = ANY($1::bigint[])`;

const RETRY_SQL = `UPDATE "SendOutbox" SET "leaseUntil" = NULL, "nextAttemptAt" = $2::timestamp(3), "lastError" = $3
  WHERE "id" = $1`;

const REMOVE_SQL = `DELETE FROM "SendOutbox" WHERE "id" = ANY($1::bigint[])`;

/**
 * The send outbox as the send pipeline uses it: claimed with a lease, released or put back for a retry, removed once
 * its message is sent or failed (in the transaction that records that). Rows are added with the message they send
 * (the message log's accept and mark-read statements, a campaign's dispatch).
 */
@Injectable()
export class SendOutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Up to `limit` due rows, leased to this worker, their attempts counted. */
  claim(limit: number): Promise<OutboxRow[]> {
    return this.prisma.client.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(CLAIM_LOCK_SQL);
      return tx.$queryRawUnsafe<OutboxRow[]>(CLAIM_SQL, limit);
    });
  }

  /** Leases given back unattempted: a later claim takes the rows again. */
  async release(ids: bigint[]): Promise<void> {
    if (ids.length) await this.prisma.client.$executeRawUnsafe(RELEASE_SQL, ids);
  }

  /** A failed attempt: the row waits until `at`, keeping the error for whoever looks. */
  async retryAt(id: bigint, at: Date, error: string): Promise<void> {
    await this.prisma.client.$executeRawUnsafe(RETRY_SQL, id, at.toISOString(), error.slice(0, 1000));
  }

  /** Done with: in the caller's transaction when the outcome is recorded with it. */
  async remove(ids: bigint[], db: RawClient = this.prisma.client): Promise<void> {
    if (ids.length) await db.$executeRawUnsafe(REMOVE_SQL, ids);
  }
}
