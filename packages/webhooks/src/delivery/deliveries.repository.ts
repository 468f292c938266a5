import { Injectable } from '@nestjs/common';
import { epochMs, NOW, WebhooksDb } from '../db/webhooks-db';

export interface ClaimedDelivery {
  id: string;
  eventId: string;
  field: string;
  value: string;
}

export interface AttemptRecord {
  subscriptionId: string;
  startedAtMs: number;
  latencyMs: number;
  statusCode: number | null;
  error: string | null;
  bytes: number;
}

/**
 * Deliveries due for a subscription, leased to the caller: only the head of each ordering key (no pending delivery
 * of the same key with a lower seq, in flight or not), which is what keeps a message's statuses in order however
 * many workers claim at once — a key's next event becomes claimable only after its predecessor is settled.
 * SKIP LOCKED keeps concurrent claimers off each other's rows; the lease (with a token) covers the POST that follows
 * the claim's commit, and a crashed worker's rows come back when it expires.
 * $1 subscription, $2 limit, $3 lease ms, $4 lease token.
 */
const CLAIM_SQL = `
WITH c AS (
  SELECT d."id" FROM "WebhookDelivery" d
  WHERE d."subscriptionId" = $1 AND d."state" = 'pending' AND d."nextAttemptAt" <= ${NOW}
    AND (d."leaseUntil" IS NULL OR d."leaseUntil" < ${NOW})
    AND (d."orderingKey" IS NULL OR NOT EXISTS (
      SELECT 1 FROM "WebhookDelivery" p
      WHERE p."subscriptionId" = d."subscriptionId" AND p."orderingKey" = d."orderingKey"
        AND p."state" = 'pending' AND p."seq" < d."seq"))
  ORDER BY d."id"
  LIMIT $2
  FOR UPDATE OF d SKIP LOCKED
)
UPDATE "WebhookDelivery" d
SET "leaseToken" = $4, "leaseUntil" = ${NOW} + make_interval(secs => $3::float8 / 1000)
FROM c, "WebhookEvent" e
WHERE d."id" = c."id" AND e."id" = d."eventId"
RETURNING d."id"::text AS id, e."id"::text AS "eventId", e."field", e."value"`;

/** The POST, as a delivery-log row; its id is appended to every delivery it carried. */
const ATTEMPT_CTE = `a AS (
  INSERT INTO "WebhookAttempt" ("subscriptionId", "startedAt", "latencyMs", "statusCode", "error", "eventCount", "bytes")
  VALUES ($1, to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC', $3, $4, $5, cardinality($6::bigint[]), $7)
  RETURNING "id")`;

const SUCCEED_SQL = `WITH ${ATTEMPT_CTE}
UPDATE "WebhookDelivery" SET "state" = 'delivered', "deliveredAt" = ${NOW}, "attempts" = "attempts" + 1,
  "attemptIds" = array_append("attemptIds", (SELECT "id" FROM a)), "leaseToken" = NULL, "leaseUntil" = NULL
WHERE "id" = ANY ($6::bigint[]) AND "leaseToken" = $8`;

/**
 * A failed POST: each delivery backs off by u × min(max, base × 2^(attempts)) — attempts before this one, so the
 * n-th failure waits up to base × 2^(n-1) — never past its expiry; at or past expiry it is failed for good.
 * $9 u in [0,1), $10 base ms, $11 max ms.
 */
const FAIL_SQL = `WITH ${ATTEMPT_CTE}
UPDATE "WebhookDelivery" SET "attempts" = "attempts" + 1,
  "attemptIds" = array_append("attemptIds", (SELECT "id" FROM a)), "leaseToken" = NULL, "leaseUntil" = NULL,
  "state" = CASE WHEN ${NOW} >= "expiresAt" THEN 'failed'::"WebhookDeliveryState" ELSE 'pending'::"WebhookDeliveryState" END,
  "nextAttemptAt" = LEAST("expiresAt", ${NOW} + make_interval(secs =>
    $9::float8 * LEAST($11::float8, $10::float8 * power(2, "attempts")) / 1000))
WHERE "id" = ANY ($6::bigint[]) AND "leaseToken" = $8
RETURNING "state"::text AS state, ${epochMs('"nextAttemptAt"')} AS "dueMs"`;

@Injectable()
export class DeliveriesRepository {
  constructor(private readonly db: WebhooksDb) {}

  async claim(subscriptionId: string, limit: number, leaseMs: number, token: string): Promise<ClaimedDelivery[]> {
    const { rows } = await this.db.query<ClaimedDelivery>(CLAIM_SQL, [subscriptionId, limit, leaseMs, token]);
    // RETURNING has no order; ids grow with emit order (per key, with commit order).
    return rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  }

  async succeed(ids: string[], token: string, attempt: AttemptRecord): Promise<void> {
    await this.db.query(SUCCEED_SQL, [...attemptParams(attempt, ids), token]);
  }

  /** Returns when the earliest of these deliveries falls due again, or null when none is still pending. */
  async fail(
    ids: string[],
    token: string,
    attempt: AttemptRecord,
    backoff: { random: number; baseMs: number; maxMs: number },
  ): Promise<number | null> {
    const { rows } = await this.db.query<{ state: string; dueMs: number }>(FAIL_SQL, [
      ...attemptParams(attempt, ids),
      token,
      backoff.random,
      backoff.baseMs,
      backoff.maxMs,
    ]);
    const due = rows.filter((r) => r.state === 'pending').map((r) => r.dueMs);
    return due.length ? Math.min(...due) : null;
  }

  /** A deleted subscription's leftovers (an emit that raced the delete): nothing will ever deliver them. */
  async cancelPending(subscriptionId: string): Promise<void> {
    await this.db.query(
      `UPDATE "WebhookDelivery" SET "state" = 'cancelled', "leaseToken" = NULL, "leaseUntil" = NULL
       WHERE "subscriptionId" = $1 AND "state" = 'pending'`,
      [subscriptionId],
    );
  }
}

const attemptParams = (a: AttemptRecord, ids: string[]) => [
  a.subscriptionId,
  a.startedAtMs,
  a.latencyMs,
  a.statusCode,
  a.error,
  ids,
  a.bytes,
];
