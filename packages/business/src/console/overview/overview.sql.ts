// The overview's aggregates, in SQL so Postgres counts and the API only shapes. Each reads one business's outbound
// messages in a window through BusinessMessage_outbound_traffic_idx (businessId, createdAt, status, phoneNumberId;
// outbound only): an index-only range scan whose cost is that business's messages in the window, not the log's size.
// A message counts in the bucket it was created in, by how far it got: read implies delivered implies sent.

const COUNTS = `
  count(m.status) FILTER (WHERE m.status IN ('sent', 'delivered', 'read'))::int AS sent,
  count(m.status) FILTER (WHERE m.status IN ('delivered', 'read'))::int AS delivered,
  count(m.status) FILTER (WHERE m.status = 'read')::int AS read,
  count(m.status) FILTER (WHERE m.status = 'failed')::int AS failed`;

/** $1 business, $2 now (ISO text; columns hold UTC). The last 24 hours by UTC hour, every hour present (zero if idle). */
export const HOURLY_TRAFFIC_SQL = `
  WITH hours AS (
    SELECT generate_series(date_trunc('hour', $2::timestamptz AT TIME ZONE 'UTC') - interval '23 hours',
                           date_trunc('hour', $2::timestamptz AT TIME ZONE 'UTC'), interval '1 hour') AS start
  )
  SELECT to_char(h.start, 'YYYY-MM-DD"T"HH24:00:00"Z"') AS start, ${COUNTS}
  FROM hours h
  LEFT JOIN "BusinessMessage" m
    ON m."businessId" = $1 AND m.direction = 'outbound'
   AND m."createdAt" >= h.start AND m."createdAt" < h.start + interval '1 hour'
  GROUP BY h.start ORDER BY h.start`;

/** $1 business, $2 now, $3 its IANA time zone, $4 days. The last $4 days by calendar day in that zone, today last. */
export const DAILY_TRAFFIC_SQL = `
  WITH days AS (
    SELECT d::date AS day,
           (d AT TIME ZONE $3) AT TIME ZONE 'UTC' AS start_utc,
           ((d + interval '1 day') AT TIME ZONE $3) AT TIME ZONE 'UTC' AS end_utc
    FROM generate_series(date_trunc('day', $2::timestamptz AT TIME ZONE $3) - ($4::int - 1) * interval '1 day',
                         date_trunc('day', $2::timestamptz AT TIME ZONE $3), interval '1 day') AS d
  )
  SELECT to_char(days.day, 'YYYY-MM-DD') AS day, ${COUNTS}
  FROM days
  LEFT JOIN "BusinessMessage" m
    ON m."businessId" = $1 AND m.direction = 'outbound'
   AND m."createdAt" >= days.start_utc AND m."createdAt" < days.end_utc
  GROUP BY days.day ORDER BY days.day`;

/** $1 business, $2 since. Messages created per number since then (numbers with none are absent). */
export const SENT_PER_NUMBER_SQL = `
  SELECT m."phoneNumberId" AS "phoneNumberId", count(*)::int AS messages
  FROM "BusinessMessage" m
  WHERE m."businessId" = $1 AND m.direction = 'outbound' AND m."createdAt" >= ($2::timestamptz AT TIME ZONE 'UTC')
  GROUP BY m."phoneNumberId"`;

/**
 * $1 business, $2 since. Live subscriptions whose latest POST failed, with that failure and how many POSTs failed
 * since $2. Reads WebhookAttempt by (subscriptionId, startedAt): the newest attempt, then the window's.
 */
export const FAILING_WEBHOOKS_SQL = `
  SELECT s.id, s."callbackUrl" AS "callbackUrl", last."startedAt" AS "lastAttemptAt", last.error,
         last."statusCode" AS "statusCode",
         (SELECT count(*)::int FROM "WebhookAttempt" f
           WHERE f."subscriptionId" = s.id AND f."startedAt" >= ($2::timestamptz AT TIME ZONE 'UTC') AND f.error IS NOT NULL) AS "failedSince"
  FROM "WebhookSubscription" s
  CROSS JOIN LATERAL (
    SELECT a."startedAt", a.error, a."statusCode" FROM "WebhookAttempt" a
    WHERE a."subscriptionId" = s.id ORDER BY a."startedAt" DESC LIMIT 1
  ) last
  WHERE s."businessId" = $1 AND s."deletedAt" IS NULL AND last.error IS NOT NULL
  ORDER BY last."startedAt" DESC`;
