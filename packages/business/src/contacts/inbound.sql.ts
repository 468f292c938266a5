/**
 * One inbound message, atomically: the contact is created if new, its profile name refreshed, its window moved
 * forward (never back: GREATEST, for messages handled out of order), and its opt state changed when the text was a
 * keyword ($5 null otherwise). $1 businessId, $2 waId, $3 profileName, $4 message time (ISO), $5 opt status,
 * $6 opt source. Times are stored as UTC without a zone, as Prisma stores DateTime.
 */
export const RECORD_INBOUND_SQL = `
WITH m AS (SELECT $1::text AS b, $2::text AS w, $3::text AS name, ($4::timestamptz AT TIME ZONE 'UTC') AS at,
                  $5::text AS opt, $6::text AS source)
INSERT INTO "Contact" AS c ("businessId", "waId", "profileName", "lastInboundAt", "optStatus", "optSource",
                            "optedInAt", "optedOutAt", "tags", "attributes", "updatedAt")
SELECT b, w, name, at, COALESCE(opt, 'UNKNOWN')::"ContactOptStatus", source,
       CASE WHEN opt = 'OPTED_IN' THEN at END, CASE WHEN opt = 'OPTED_OUT' THEN at END, '{}', '{}',
       now() AT TIME ZONE 'UTC'
FROM m
ON CONFLICT ("businessId", "waId") DO UPDATE SET
  "profileName" = COALESCE(EXCLUDED."profileName", c."profileName"),
  "lastInboundAt" = GREATEST(c."lastInboundAt", EXCLUDED."lastInboundAt"),
  "optStatus" = CASE WHEN $5::text IS NULL THEN c."optStatus" ELSE EXCLUDED."optStatus" END,
  "optSource" = CASE WHEN $5::text IS NULL THEN c."optSource" ELSE EXCLUDED."optSource" END,
  "optedInAt" = COALESCE(EXCLUDED."optedInAt", c."optedInAt"),
  "optedOutAt" = COALESCE(EXCLUDED."optedOutAt", c."optedOutAt"),
  "updatedAt" = now() AT TIME ZONE 'UTC'`;
