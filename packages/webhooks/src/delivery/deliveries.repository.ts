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

/** One POST to the callback URL, as the delivery log records it. */
export interface AttemptRecord {
  startedAtMs: number;
  latencyMs: number;
  statusCode: number | null;
  error: string | null;
  bytes: number;
  /** The X-Hub-Signature-256 value sent (kept with the events carried, so the event log can show the signed body). */
  signature: string;
}

/** A POST's outcome: the deliveries it carried (one change each, or a batch) and how it went. */
export interface PostOutcome {
  ok: boolean;
  deliveries: ClaimedDelivery[];
  attempt: AttemptRecord;
  /** For a failed POST: one draw in [0, 1) for the whole POST, so a batch's deliveries come back together. */
  random: number;
}

export interface Backoff {
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

/**
 * The POSTs, as delivery-log rows (ids drawn first so each delivery can be given its POST's id) with their signature
 * and the events they carried, and which POST carried which delivery. $1 subscription; per POST: $2 start ms,
 * $3 latency ms, $4 status, $5 error, $6 deliveries carried, $7 bytes, $8 jitter draw, $9 signature; per delivery,
 * in body order: $10 id, $11 its POST's position in $2…, $12 its event.
 */
const ATTEMPT_CTES = `a AS MATERIALIZED (
  SELECT nextval(pg_get_serial_sequence('"WebhookAttempt"', 'id')) AS id, t.*
  FROM unnest($2::float8[], $3::int[], $4::int[], $5::text[], $6::int[], $7::int[], $8::float8[], $9::text[])
       WITH ORDINALITY AS t(started_ms, latency_ms, status_code, error, event_count, bytes, random, signature, ord)
), x AS MATERIALIZED (
  SELECT * FROM unnest($10::bigint[], $11::bigint[], $12::bigint[]) WITH ORDINALITY AS x(did, ord, eid, pos)
), carried AS (
  SELECT ord, array_agg(eid ORDER BY pos) AS event_ids FROM x GROUP BY ord
), logged AS (
  INSERT INTO "WebhookAttempt" ("id", "subscriptionId", "startedAt", "latencyMs", "statusCode", "error", "eventCount",
                                "bytes", "signature", "eventIds")
  SELECT a.id, $1, to_timestamp(a.started_ms / 1000) AT TIME ZONE 'UTC', a.latency_ms, a.status_code, a.error,
         a.event_count, a.bytes, a.signature, c.event_ids
  FROM a JOIN carried c ON c.ord = a.ord
), m AS (
  SELECT x.did, a.id AS attempt_id, a.random FROM x JOIN a ON a.ord = x.ord
)`;

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

/** $13 lease token. */
const SUCCEED_SQL: NamedStatement = {
  name: 'webhooks.succeed',
  text: `WITH ${ATTEMPT_CTES}, settled AS (
  UPDATE "WebhookDelivery" d SET "state" = 'delivered', "deliveredAt" = ${NOW}, "attempts" = d."attempts" + 1,
    "attemptIds" = array_append(d."attemptIds", m.attempt_id), "leaseToken" = NULL, "leaseUntil" = NULL
  FROM m WHERE d."id" = m.did AND d."leaseToken" = $13
  RETURNING d."state", d."orderingKey", d."seq"
), ${HAND_ON_CTE}
SELECT (SELECT count(*) FROM settled)::int AS settled, (SELECT count(*) FROM handed)::int AS handed`,
};

/**
 * Failed POSTs: each delivery backs off by u × min(max, base × 2^(attempts)) — u its POST's draw, attempts those
 * before this one, so the n-th failure waits up to base × 2^(n-1) — never past its expiry; at or past expiry it is
 * failed for good (and its key handed on). $13 lease token, $14 base ms, $15 max ms.
 */
const FAIL_SQL: NamedStatement = {
  name: 'webhooks.fail',
  text: `WITH ${ATTEMPT_CTES}, settled AS (
  UPDATE "WebhookDelivery" d SET "attempts" = d."attempts" + 1,
    "attemptIds" = array_append(d."attemptIds", m.attempt_id), "leaseToken" = NULL, "leaseUntil" = NULL,
    "state" = CASE WHEN ${NOW} >= d."expiresAt" THEN 'failed'::"WebhookDeliveryState" ELSE 'pending'::"WebhookDeliveryState" END,
    "nextAttemptAt" = LEAST(d."expiresAt", ${NOW} + make_interval(secs =>
      m.random * LEAST($15::float8, $14::float8 * power(2, d."attempts")) / 1000))
  FROM m WHERE d."id" = m.did AND d."leaseToken" = $13
  RETURNING d."state", d."orderingKey", d."seq", d."nextAttemptAt"
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

  /**
   * Records POSTs' outcomes in one transaction: their log rows, delivered or backed off, keys handed on. Returns when
   * the earliest failed delivery falls due again, or null when none is still pending.
   */
  async settle(
    subscriptionId: string,
    businessId: string,
    token: string,
    posts: PostOutcome[],
    backoff: Backoff,
  ): Promise<number | null> {
    const succeeded = posts.filter((p) => p.ok);
    const failed = posts.filter((p) => !p.ok);
    const keys = [
      ...new Set(posts.flatMap((p) => p.deliveries.map((d) => d.orderingKey)).filter((k): k is string => k !== null)),
    ].sort();
    return this.withKeysLocked(businessId, keys, async (client) => {
      if (succeeded.length) {
        await this.db.prepared(client, SUCCEED_SQL, [...outcomeParams(subscriptionId, succeeded), token]);
      }
      if (!failed.length) return null;
      const params = [...outcomeParams(subscriptionId, failed), token, backoff.baseMs, backoff.maxMs];
      const { rows } = await this.db.prepared<{ dueMs: number | null }>(client, FAIL_SQL, params);
      return rows[0]?.dueMs ?? null;
    });
  }

  /** A deleted subscription's leftovers (an emit that raced the delete): nothing will ever deliver them. */
  async cancelPending(subscriptionId: string): Promise<void> {
    await this.db.query(
      `UPDATE "WebhookDelivery" SET "state" = 'cancelled', "leaseToken" = NULL, "leaseUntil" = NULL
       WHERE "subscriptionId" = $1 AND "state" = 'pending'`,
      [subscriptionId],
    );
  }

  private async withKeysLocked<T>(
    businessId: string,
    keys: string[],
    statement: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
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

/** $1–$12 of the outcome statements: the POSTs column by column, then each delivery with its POST and event. */
function outcomeParams(subscriptionId: string, posts: PostOutcome[]): unknown[] {
  const column = <T>(get: (p: PostOutcome) => T) => posts.map(get);
  return [
    subscriptionId,
    column((p) => p.attempt.startedAtMs),
    column((p) => p.attempt.latencyMs),
    column((p) => p.attempt.statusCode),
    column((p) => p.attempt.error),
    column((p) => p.deliveries.length),
    column((p) => p.attempt.bytes),
    column((p) => p.random),
    column((p) => p.attempt.signature),
    posts.flatMap((p) => p.deliveries.map((d) => d.id)),
    posts.flatMap((p, i) => p.deliveries.map(() => i + 1)),
    posts.flatMap((p) => p.deliveries.map((d) => d.eventId)),
  ];
}
