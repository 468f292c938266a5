import { NOW } from '../db/webhooks-db';

/**
 * Stores a batch of events in one statement — one commit, so one WAL flush, however many events — or a single event
 * in a caller's transaction. Step by step:
 * 1. number the input rows (`ord`, call order) and take their event ids;
 * 2. per ordering key, bump the key's counter by the number of its events. The counter row's lock is held until the
 *    statement's transaction commits, so another transaction emitting the same key waits and numbers after it: seq
 *    order is commit order, which is what lets delivery send only the head of each key. Keys are locked in sorted
 *    order, so two batches cannot deadlock each other;
 * 3. give each keyed event its seq (the counter's old value + its rank within the batch, in call order);
 * 4. store the events, and fan each out to the business's live subscriptions for its field.
 * Returns, per input row in order, the event id and the subscriptions to wake, and the transaction id.
 * Parameters: $1 business ids, $2 fields, $3 values (Meta-escaped JSON text), $4 ordering keys (or nulls), $5 max age (s).
 */
export const EMIT_SQL = `
WITH input AS MATERIALIZED (
  SELECT t.ord, t.business_id, t.field, t.value, t.ordering_key,
         nextval(pg_get_serial_sequence('"WebhookEvent"', 'id')) AS id
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       WITH ORDINALITY AS t(business_id, field, value, ordering_key, ord)
), keyed AS (
  SELECT business_id, ordering_key, count(*)::bigint AS n FROM input
  WHERE ordering_key IS NOT NULL GROUP BY business_id, ordering_key
), seq AS (
  INSERT INTO "WebhookSequence" ("businessId", "orderingKey", "lastSeq", "updatedAt")
  SELECT business_id, ordering_key, n, ${NOW} FROM keyed ORDER BY business_id, ordering_key
  ON CONFLICT ("businessId", "orderingKey")
  DO UPDATE SET "lastSeq" = "WebhookSequence"."lastSeq" + EXCLUDED."lastSeq", "updatedAt" = EXCLUDED."updatedAt"
  RETURNING "businessId", "orderingKey", "lastSeq"
), numbered AS (
  SELECT i.*, s."lastSeq" - k.n + row_number() OVER (PARTITION BY i.business_id, i.ordering_key ORDER BY i.ord) AS seq
  FROM input i
  LEFT JOIN keyed k ON k.business_id = i.business_id AND k.ordering_key = i.ordering_key
  LEFT JOIN seq s ON s."businessId" = i.business_id AND s."orderingKey" = i.ordering_key
), ev AS (
  INSERT INTO "WebhookEvent" ("id", "businessId", "field", "value", "orderingKey", "seq", "createdAt")
  SELECT id, business_id, field, value, ordering_key, seq, ${NOW} FROM numbered ORDER BY ord
  RETURNING "id"
), del AS (
  INSERT INTO "WebhookDelivery" ("eventId", "subscriptionId", "orderingKey", "seq", "expiresAt", "nextAttemptAt", "createdAt")
  SELECT n.id, s."id", n.ordering_key, n.seq, ${NOW} + make_interval(secs => $5::int), ${NOW}, ${NOW}
  FROM ev JOIN numbered n ON n.id = ev."id"
  JOIN "WebhookSubscription" s ON s."businessId" = n.business_id AND s."deletedAt" IS NULL AND n.field = ANY (s."fields")
  ORDER BY n.ord
  RETURNING "eventId", "subscriptionId"
)
SELECT i.id::text AS "eventId",
       coalesce(array_agg(d."subscriptionId") FILTER (WHERE d."subscriptionId" IS NOT NULL), '{}') AS "subscriptionIds",
       pg_current_xact_id()::text AS "xid"
FROM input i LEFT JOIN del d ON d."eventId" = i.id
GROUP BY i.ord, i.id ORDER BY i.ord`;

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

export const emitParams = (items: readonly EmitInput[], maxAgeSeconds: number) => [
  items.map((i) => i.businessId),
  items.map((i) => i.field),
  items.map((i) => i.value),
  items.map((i) => i.orderingKey),
  maxAgeSeconds,
];
