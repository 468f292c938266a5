import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { epochMs, isDeadlock, type NamedStatement, NOW, WebhooksDb } from '../db/webhooks-db';

export interface ClaimedDelivery {
  id: string;
  eventId: string;
  field: string;
  value: string;
  orderingKey: string | null;
}

export interface AttemptRecord {
  subscriptionId: string;
  startedAtMs: number;
  latencyMs: number;
  statusCode: number | null;
  error: string | null;
  bytes: number;
}

export interface Backoff {
  /** One draw in [0, 1) for the whole POST, so its deliveries come back together. */
  random: number;
  baseMs: number;
  maxMs: number;
}

/**
 * Due deliveries of a subscription, leased to the caller. Only heads of ordering keys have a nextAttemptAt, so this
 * is a range scan of WebhookDelivery_due_idx (pending heads only), oldest due first: it stops after `limit` rows
 * however many deliveries are due or settled. SKIP LOCKED keeps concurrent claimers off each other's rows; the lease
 * (with a token) covers the POST that follows the claim's commit, and a crashed worker's rows come back when it expires.
 * $1 subscription, $2 limit, $3 lease ms, $4 lease token.
 */
const CLAIM_SQL: NamedStatement = {
  name: 'webhooks.claim',
  text: `
WITH c AS (
  SELECT d."id" FROM "WebhookDelivery" d
  WHERE d."subscriptionId" = $1 AND d."state" = 'pending' AND d."nextAttemptAt" <= ${NOW}
    AND (d."leaseUntil" IS NULL OR d."leaseUntil" < ${NOW})
  ORDER BY d."nextAttemptAt"
  LIMIT $2
  FOR UPDATE OF d SKIP LOCKED
)
UPDATE "WebhookDelivery" d
SET "leaseToken" = $4, "leaseUntil" = ${NOW} + make_interval(secs => $3::float8 / 1000)
FROM c, "WebhookEvent" e
WHERE d."id" = c."id" AND e."id" = d."eventId"
RETURNING d."id"::text AS id, e."id"::text AS "eventId", e."field", e."value", d."orderingKey"`,
};

/**
 * Settling takes the ordering keys' counter locks first, like emitting does (emit.sql.ts), so a settle and an emit
 * of the same key run one after the other and the emit's head check sees the settle, or the settle sees the emit.
 * $1 business, $2 keys (sorted).
 */
const LOCK_KEYS_SQL = `SELECT 1 FROM "WebhookSequence" WHERE "businessId" = $1 AND "orderingKey" = ANY ($2::text[])
ORDER BY "orderingKey" FOR UPDATE`;

/** The POST, as a delivery-log row; its id is appended to every delivery it carried. */
const ATTEMPT_CTE = `a AS (
  INSERT INTO "WebhookAttempt" ("subscriptionId", "startedAt", "latencyMs", "statusCode", "error", "eventCount", "bytes")
  VALUES ($1, to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC', $3, $4, $5, cardinality($6::bigint[]), $7)
  RETURNING "id")`;

/**
 * Hands each key on: for every key whose delivery just left `pending`, the key's next pending delivery (the lowest
 * seq above it) becomes due now. The probe can only be served by WebhookDelivery_pending_key_idx — the due index
 * holds no row with a null nextAttemptAt, which the probe looks for — so it stays one index probe per key whatever
 * the planner believes about the table: with a full (subscription, state) index on offer, a table never analyzed
 * (new outbox tables grow faster than autovacuum visits) got a plan that read every pending row of the subscription
 * per key, and settling 1,000 took seconds.
 */
const HAND_ON_CTE = `handed AS (
  UPDATE "WebhookDelivery" n SET "nextAttemptAt" = ${NOW}
  FROM (
    SELECT nx."id" FROM settled s
    CROSS JOIN LATERAL (
      SELECT p."id" FROM "WebhookDelivery" p
      WHERE p."subscriptionId" = $1 AND p."orderingKey" = s."orderingKey" AND p."state" = 'pending' AND p."seq" > s."seq"
      ORDER BY p."seq" LIMIT 1) nx
    WHERE s."state" <> 'pending' AND s."orderingKey" IS NOT NULL
  ) h
  WHERE n."id" = h."id" AND n."nextAttemptAt" IS NULL
  RETURNING n."id")`;

const SUCCEED_SQL: NamedStatement = {
  name: 'webhooks.succeed',
  text: `WITH ${ATTEMPT_CTE}, settled AS (
  UPDATE "WebhookDelivery" SET "state" = 'delivered', "deliveredAt" = ${NOW}, "attempts" = "attempts" + 1,
    "attemptIds" = array_append("attemptIds", (SELECT "id" FROM a)), "leaseToken" = NULL, "leaseUntil" = NULL
  WHERE "id" = ANY ($6::bigint[]) AND "leaseToken" = $8
  RETURNING "state", "orderingKey", "seq"
), ${HAND_ON_CTE}
SELECT (SELECT count(*) FROM settled)::int AS settled, (SELECT count(*) FROM handed)::int AS handed`,
};

/**
 * A failed POST: each delivery backs off by u × min(max, base × 2^(attempts)) — attempts before this one, so the
 * n-th failure waits up to base × 2^(n-1) — never past its expiry; at or past expiry it is failed for good (and its
 * key handed on). $9 u in [0,1), $10 base ms, $11 max ms.
 */
const FAIL_SQL: NamedStatement = {
  name: 'webhooks.fail',
  text: `WITH ${ATTEMPT_CTE}, settled AS (
  UPDATE "WebhookDelivery" SET "attempts" = "attempts" + 1,
    "attemptIds" = array_append("attemptIds", (SELECT "id" FROM a)), "leaseToken" = NULL, "leaseUntil" = NULL,
    "state" = CASE WHEN ${NOW} >= "expiresAt" THEN 'failed'::"WebhookDeliveryState" ELSE 'pending'::"WebhookDeliveryState" END,
    "nextAttemptAt" = LEAST("expiresAt", ${NOW} + make_interval(secs =>
      $9::float8 * LEAST($11::float8, $10::float8 * power(2, "attempts")) / 1000))
  WHERE "id" = ANY ($6::bigint[]) AND "leaseToken" = $8
  RETURNING "state", "orderingKey", "seq", "nextAttemptAt"
), ${HAND_ON_CTE}
SELECT min(${epochMs('"nextAttemptAt"')}) FILTER (WHERE "state" = 'pending') AS "dueMs",
       (SELECT count(*) FROM handed)::int AS handed
FROM settled`,
};

@Injectable()
export class DeliveriesRepository {
  constructor(private readonly db: WebhooksDb) {}

  async claim(subscriptionId: string, limit: number, leaseMs: number, token: string): Promise<ClaimedDelivery[]> {
    // A durable commit, on purpose: its WAL flush also makes durable every relaxed settle before it — among them the
    // ones that handed these deliveries on — before anything claimed here is POSTed (see WebhooksDb.relaxedTransaction).
    const { rows } = await this.db.prepared<ClaimedDelivery>(this.db.pool, CLAIM_SQL, [
      subscriptionId,
      limit,
      leaseMs,
      token,
    ]);
    // RETURNING has no order; ids grow with emit order.
    return rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  }

  async succeed(businessId: string, claimed: ClaimedDelivery[], token: string, attempt: AttemptRecord): Promise<void> {
    await this.settle(businessId, claimed, (client) =>
      this.db.prepared(client, SUCCEED_SQL, [...attemptParams(attempt, claimed), token]),
    );
  }

  /** Returns when the earliest of these deliveries falls due again, or null when none is still pending. */
  async fail(
    businessId: string,
    claimed: ClaimedDelivery[],
    token: string,
    attempt: AttemptRecord,
    backoff: Backoff,
  ): Promise<number | null> {
    const params = [...attemptParams(attempt, claimed), token, backoff.random, backoff.baseMs, backoff.maxMs];
    const { rows } = await this.settle(businessId, claimed, (client) =>
      this.db.prepared<{ dueMs: number | null }>(client, FAIL_SQL, params),
    );
    return rows[0]?.dueMs ?? null;
  }

  /** A deleted subscription's leftovers (an emit that raced the delete): nothing will ever deliver them. */
  async cancelPending(subscriptionId: string): Promise<void> {
    await this.db.query(
      `UPDATE "WebhookDelivery" SET "state" = 'cancelled', "leaseToken" = NULL, "leaseUntil" = NULL
       WHERE "subscriptionId" = $1 AND "state" = 'pending'`,
      [subscriptionId],
    );
  }

  private async settle<T>(
    businessId: string,
    claimed: ClaimedDelivery[],
    statement: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    const keys = [...new Set(claimed.map((d) => d.orderingKey).filter((k): k is string => k !== null))].sort();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.relaxedTransaction(async (client) => {
          if (keys.length) await client.query(LOCK_KEYS_SQL, [businessId, keys]);
          return statement(client);
        });
      } catch (err) {
        // A caller's transaction may hold keys in another order than our sorted one; Postgres aborts one of us.
        if (!isDeadlock(err) || attempt >= 3) throw err;
      }
    }
  }
}

const attemptParams = (a: AttemptRecord, claimed: ClaimedDelivery[]) => [
  a.subscriptionId,
  a.startedAtMs,
  a.latencyMs,
  a.statusCode,
  a.error,
  claimed.map((d) => d.id),
  a.bytes,
];
