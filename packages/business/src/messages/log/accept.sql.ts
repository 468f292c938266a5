/**
 * Accepting a batch of outbound messages in one statement (so one round trip and one commit, whatever the batch
 * size): for each message, its Idempotency-Key is claimed when it has one — a key still live from an earlier request
 * is not, and that message is left out — then the accepted messages go into the message log and the send outbox
 * together, and a template sent while the consumer's window was closed (`initiated`) records the business-initiated
contact the messaging limit counts (BusinessInitiatedContact, Postgres' truth behind the Redis set). A message
accepted with a `failure` decided already (a free-form message outside the window) is logged with that error and
queued all the same: the send pipeline reports it failed, with its webhook, in the conversation's order. Returns
the wamids accepted. Parameters are parallel arrays, one element per message (see AcceptRow).
 * No NOTIFY in here: Postgres commits notifying transactions one at a time, which halved the batched write rate;
 * MessageLogWriter notifies after the commit instead.
 */
export const ACCEPT_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                       $9::text[], $10::bytea[], $11::text[], $12::bool[], $13::text[])
    AS t(wamid, business_id, phone_number_id, wa_id, type, payload, context_wamid, callback_data, idem_key, idem_hash,
         response, initiated, failure)
),
claimed AS (
  INSERT INTO "SendIdempotencyKey" AS k ("businessId", "key", "bodyHash", "response", "wamid", "createdAt")
  SELECT business_id, idem_key, idem_hash, response, wamid, now() FROM input WHERE idem_key IS NOT NULL
  ON CONFLICT ("businessId", "key") DO UPDATE
    SET "bodyHash" = EXCLUDED."bodyHash", "response" = EXCLUDED."response", "wamid" = EXCLUDED."wamid",
        "createdAt" = EXCLUDED."createdAt"
    WHERE k."createdAt" <= now() - interval '24 hours'
  RETURNING "wamid"
),
accepted AS (
  SELECT * FROM input WHERE idem_key IS NULL OR wamid IN (SELECT "wamid" FROM claimed)
),
logged AS (
  INSERT INTO "BusinessMessage" ("wamid", "businessId", "phoneNumberId", "direction", "waId", "type", "payload",
                                 "contextWamid", "bizOpaqueCallbackData", "status", "error")
  SELECT wamid, business_id, phone_number_id, 'outbound', wa_id, type, payload::jsonb, context_wamid, callback_data,
         'queued', failure::jsonb
  FROM accepted
  RETURNING "id", "wamid", "businessId", "phoneNumberId", "waId"
),
-- One row per consumer even when a batch holds two sends to it (ON CONFLICT may touch a row once per statement), in
-- key order so that concurrent batches lock shared rows in the same order.
initiated AS (
  INSERT INTO "BusinessInitiatedContact" AS c ("businessId", "waId", "firstAt", "lastAt")
  SELECT DISTINCT ON (business_id, wa_id) business_id, wa_id, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
  FROM accepted WHERE initiated ORDER BY business_id, wa_id
  ON CONFLICT ("businessId", "waId") DO UPDATE SET "lastAt" = EXCLUDED."lastAt"
),
queued AS (
  INSERT INTO "SendOutbox" ("kind", "businessId", "phoneNumberId", "messageId", "wamid", "waId")
  SELECT 'message', "businessId", "phoneNumberId", "id", "wamid", "waId" FROM logged
  RETURNING "wamid"
)
SELECT "wamid" FROM queued`;

/** One outbound message as ACCEPT_SQL takes it. */
export interface AcceptRow {
  wamid: string;
  businessId: string;
  phoneNumberId: string;
  waId: string;
  type: string;
  /** JSON text of the message object as logged. */
  payload: string;
  contextWamid?: string;
  bizOpaqueCallbackData?: string;
  idempotency?: { key: string; hash: Buffer; response: string };
  /** A template to a consumer whose window is closed: counts against the messaging limit. */
  initiated?: boolean;
  /** JSON text of the MessageError the message is to fail with, decided at accept (it is never sent). */
  failure?: string;
}

export function acceptParams(rows: AcceptRow[]): unknown[] {
  const col = <T>(pick: (r: AcceptRow) => T) => rows.map(pick);
  return [
    col((r) => r.wamid),
    col((r) => r.businessId),
    col((r) => r.phoneNumberId),
    col((r) => r.waId),
    col((r) => r.type),
    col((r) => r.payload),
    col((r) => r.contextWamid ?? null),
    col((r) => r.bizOpaqueCallbackData ?? null),
    col((r) => r.idempotency?.key ?? null),
    col((r) => r.idempotency?.hash ?? null),
    col((r) => r.idempotency?.response ?? null),
    col((r) => r.initiated ?? false),
    col((r) => r.failure ?? null),
  ];
}
