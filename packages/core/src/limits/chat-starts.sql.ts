/**
 * For a sender and the peers its Redis set did not know: is the sender a business number's account (exempt), and per
 * peer, is it one (messaging a business is no new chat), and did either of the two already start a chat with the
 * other (ChatStart either way: an established chat) or do they share a group (read receipts and retry requests of group
 * messages go 1:1 between members).
 */
export const PEERS_SQL = `
SELECT p.peer::text AS peer,
       EXISTS (SELECT 1 FROM "BusinessNumber" b WHERE b."accountId" = $1::uuid) AS "senderExempt",
       EXISTS (SELECT 1 FROM "BusinessNumber" b WHERE b."accountId" = p.peer) AS business,
       EXISTS (SELECT 1 FROM "ChatStart" c
               WHERE (c."accountId" = $1::uuid AND c."peerAccountId" = p.peer)
                  OR (c."accountId" = p.peer AND c."peerAccountId" = $1::uuid))
         OR EXISTS (SELECT 1 FROM "GroupMember" a JOIN "GroupMember" b ON b."groupId" = a."groupId"
               WHERE a."accountId" = $1::uuid AND b."accountId" = p.peer) AS known
FROM unnest($2::uuid[]) AS p(peer)`;

/** Serialises one account's new chats across nodes, so two at once cannot both take the last slot. */
export const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtextextended('chat-start:' || $1, 0))`;

/** Chats started in the last 24 h, leaving out the ones about to be recorded (another node may have just done so). */
export const STARTED_TODAY_SQL = `
SELECT count(*)::int AS n, (extract(epoch from min("at")) * 1000)::float8 AS "oldestMs" FROM "ChatStart"
WHERE "accountId" = $1::uuid AND "at" > (now() AT TIME ZONE 'UTC') - interval '24 hours'
  AND "peerAccountId" <> ALL($2::uuid[])`;

export const RECORD_SQL = `
INSERT INTO "ChatStart" ("accountId", "peerAccountId", "at")
SELECT $1::uuid, p, now() AT TIME ZONE 'UTC' FROM unnest($2::uuid[]) AS p
ON CONFLICT DO NOTHING`;
