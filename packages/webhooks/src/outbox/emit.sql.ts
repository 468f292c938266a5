import { type NamedStatement, NOW } from '../db/webhooks-db';

/**
 * Emitting is two statements in one transaction (the caller's, or a batch's own):
 *
 * 1. SEQUENCE_SQL bumps each ordering key's counter by its number of events. The counter row's lock is held until the
 *    transaction commits, so another transaction emitting the same key waits, then numbers after it: seq order is
 *    commit order. Keys are locked in sorted order, so two batches cannot deadlock each other. Settling a delivery
 *    takes the same lock (DeliveriesRepository), which is what makes the head check below race-free.
 * 2. INSERT_SQL, a new statement and so a snapshot taken after the lock: stores the events and fans each one out to the
 *    business's live subscriptions for its field. A keyed delivery is its key's head — due now — only when no
 *    delivery of that key is pending for that subscription; otherwise it waits (nextAttemptAt null) until settling
 *    its predecessor hands it on.
 */
export const SEQUENCE_SQL: NamedStatement = {
  name: 'webhooks.sequence',
  text: `
INSERT INTO "WebhookSequence" ("businessId", "orderingKey", "lastSeq", "updatedAt")
SELECT b, k, n, ${NOW} FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(b, k, n) ORDER BY b, k
ON CONFLICT ("businessId", "orderingKey")
DO UPDATE SET "lastSeq" = "WebhookSequence"."lastSeq" + EXCLUDED."lastSeq", "updatedAt" = EXCLUDED."updatedAt"
RETURNING "businessId", "orderingKey", "lastSeq"::text AS "lastSeq"`,
};

/** $1 business ids, $2 fields, $3 values (Meta-escaped JSON), $4 ordering keys or nulls, $5 seqs or nulls, $6 max age (s). */
export const INSERT_SQL: NamedStatement = {
  name: 'webhooks.insert',
  text: `
WITH input AS MATERIALIZED (
  SELECT t.*, nextval(pg_get_serial_sequence('"WebhookEvent"', 'id')) AS id,
         min(t.seq) OVER (PARTITION BY t.business_id, t.ordering_key) AS first_seq
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
       WITH ORDINALITY AS t(business_id, field, value, ordering_key, seq, ord)
), ev AS (
  INSERT INTO "WebhookEvent" ("id", "businessId", "field", "value", "orderingKey", "seq", "createdAt")
  SELECT id, business_id, field, value, ordering_key, seq, ${NOW} FROM input ORDER BY ord
  RETURNING "id"
), del AS (
  INSERT INTO "WebhookDelivery" ("eventId", "subscriptionId", "orderingKey", "seq", "state", "nextAttemptAt", "expiresAt", "createdAt")
  SELECT i.id, s."id", i.ordering_key, i.seq, 'pending',
         CASE WHEN i.ordering_key IS NULL THEN ${NOW}
              -- OFFSET 0 keeps this a per-row index probe: turned into a join, it could scan every delivery.
              WHEN i.seq = i.first_seq AND NOT EXISTS (
                SELECT 1 FROM "WebhookDelivery" p
                WHERE p."subscriptionId" = s."id" AND p."orderingKey" = i.ordering_key AND p."state" = 'pending'
                OFFSET 0)
              THEN ${NOW} END,
         ${NOW} + make_interval(secs => $6::int), ${NOW}
  FROM ev JOIN input i ON i.id = ev."id"
  JOIN "WebhookSubscription" s ON s."businessId" = i.business_id AND s."deletedAt" IS NULL AND i.field = ANY (s."fields")
  ORDER BY i.ord
  RETURNING "eventId", "subscriptionId"
)
SELECT i.id::text AS "eventId",
       coalesce(array_agg(d."subscriptionId") FILTER (WHERE d."subscriptionId" IS NOT NULL), '{}') AS "subscriptionIds",
       pg_current_xact_id()::text AS "xid"
FROM input i LEFT JOIN del d ON d."eventId" = i.id
GROUP BY i.ord, i.id ORDER BY i.ord`,
};

export interface EmitInput {
  businessId: string;
  field: string;
  /** Meta-escaped JSON text. */
  value: string;
  orderingKey: string | null;
}

export interface EmitRow {
  eventId: string;
  subscriptionIds: string[];
  xid: string;
}

type Run = <R>(statement: NamedStatement, params: unknown[]) => Promise<R[]>;

/** Both statements through `run` (a pool client in a transaction, or a caller's Prisma transaction). */
export async function writeEvents(run: Run, items: readonly EmitInput[], maxAgeSeconds: number): Promise<EmitRow[]> {
  const counts = new Map<string, { businessId: string; key: string; n: number }>();
  for (const i of items) {
    if (i.orderingKey === null) continue;
    const id = `${i.businessId}\n${i.orderingKey}`;
    const c = counts.get(id) ?? { businessId: i.businessId, key: i.orderingKey, n: 0 };
    c.n++;
    counts.set(id, c);
  }
  const next = new Map<string, bigint>();
  if (counts.size) {
    const list = [...counts.values()];
    const rows = await run<{ businessId: string; orderingKey: string; lastSeq: string }>(SEQUENCE_SQL, [
      list.map((c) => c.businessId),
      list.map((c) => c.key),
      list.map((c) => c.n),
    ]);
    // The counter's new value minus this batch's events of the key: the first seq this batch hands out.
    for (const r of rows) {
      const id = `${r.businessId}\n${r.orderingKey}`;
      next.set(id, BigInt(r.lastSeq) - BigInt(counts.get(id)!.n) + 1n);
    }
  }
  const seqs = items.map((i) => {
    if (i.orderingKey === null) return null;
    const id = `${i.businessId}\n${i.orderingKey}`;
    const seq = next.get(id)!;
    next.set(id, seq + 1n);
    return seq.toString();
  });
  return run<EmitRow>(INSERT_SQL, [
    items.map((i) => i.businessId),
    items.map((i) => i.field),
    items.map((i) => i.value),
    items.map((i) => i.orderingKey),
    seqs,
    maxAgeSeconds,
  ]);
}
