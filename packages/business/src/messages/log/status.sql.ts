/**
 * The statements of the message log that are not on the accept path. Timestamps are passed as ISO strings and
 * stored as the UTC `timestamp(3)` Prisma uses.
 */

/** Mark an inbound message read and queue the read receipt: $1 wamid, $2 businessId, $3 phoneNumberId, $4 typing. */
export const MARK_READ_SQL = `
WITH target AS (
  UPDATE "BusinessMessage" SET "status" = 'read', "readAt" = COALESCE("readAt", now())
  WHERE "wamid" = $1 AND "businessId" = $2 AND "phoneNumberId" = $3 AND "direction" = 'inbound'
  RETURNING "id", "wamid", "businessId", "phoneNumberId", "waId"
)
INSERT INTO "SendOutbox" ("kind", "businessId", "phoneNumberId", "messageId", "wamid", "waId", "typingIndicator")
SELECT 'read', "businessId", "phoneNumberId", "id", "wamid", "waId", $4 FROM target
RETURNING "id"`;

/**
 * An inbound message into the log, once per wamid (a redelivered message is ignored): $1 wamid, $2 businessId,
 * $3 phoneNumberId, $4 waId, $5 type, $6 payload JSON, $7 context wamid, $8 received at.
 */
export const RECORD_INBOUND_SQL = `
INSERT INTO "BusinessMessage" ("wamid", "businessId", "phoneNumberId", "direction", "waId", "type", "payload",
                               "contextWamid", "status", "createdAt", "deliveredAt")
VALUES ($1, $2, $3, 'inbound', $4, $5, $6::jsonb, $7, 'delivered', $8::timestamp(3), $8::timestamp(3))
ON CONFLICT ("wamid") DO NOTHING
RETURNING "id"`;

/**
 * Move an outbound message forward: queued → sent → delivered → read, or to failed from queued or sent; never back
 * (a late ✓ after ✓✓ changes nothing). Earlier timestamps a jump skipped are filled with this one. $1 wamid, $2 status,
 * $3 at, $4 error JSON (failed only). Returns the row when it changed, nothing otherwise.
 */
export const MARK_STATUS_SQL = `
UPDATE "BusinessMessage" SET
  "status" = $2::"BusinessMessageStatus",
  "sentAt" = CASE WHEN $2 IN ('sent', 'delivered', 'read') THEN COALESCE("sentAt", $3::timestamp(3)) ELSE "sentAt" END,
  "deliveredAt" = CASE WHEN $2 IN ('delivered', 'read') THEN COALESCE("deliveredAt", $3::timestamp(3)) ELSE "deliveredAt" END,
  "readAt" = CASE WHEN $2 = 'read' THEN $3::timestamp(3) ELSE "readAt" END,
  "failedAt" = CASE WHEN $2 = 'failed' THEN $3::timestamp(3) ELSE "failedAt" END,
  "error" = CASE WHEN $2 = 'failed' THEN $4::jsonb ELSE "error" END
WHERE "wamid" = $1 AND "direction" = 'outbound' AND (
  ("status" = 'queued' AND $2 IN ('sent', 'delivered', 'read', 'failed')) OR
  ("status" = 'sent' AND $2 IN ('delivered', 'read', 'failed')) OR
  ("status" = 'delivered' AND $2 = 'read'))
RETURNING "id", "wamid", "businessId", "phoneNumberId", "waId", "status", "bizOpaqueCallbackData"`;
