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
