// The overview's aggregates, in SQL so Postgres counts and the API only shapes. Each reads one business's outbound
// messages in a window with one range scan of BusinessMessage_outbound_traffic_idx (businessId, createdAt, status,
// phoneNumberId; outbound only), answered from the index: its cost is that business's messages in the window, not the
// log's size. Buckets are counted in one pass, then every bucket of the window is listed (zero when idle).
// A message counts in the bucket it was created in, by how far it got: read implies delivered implies sent.

const ZEROED = `coalesce(c.sent, 0) AS sent, coalesce(c.delivered, 0) AS delivered, coalesce(c.read, 0) AS read,
  coalesce(c.failed, 0) AS failed`;

const COUNTS = `
  count(*) FILTER (WHERE m.status IN ('sent', 'delivered', 'read'))::int AS sent,
  count(*) FILTER (WHERE m.status IN ('delivered', 'read'))::int AS delivered,
  count(*) FILTER (WHERE m.status = 'read')::int AS read,
  count(*) FILTER (WHERE m.status = 'failed')::int AS failed`;

/** $1 business, $2 now (ISO text; columns hold UTC). The last 24 hours by UTC hour, every hour present (zero if idle). */
export const HOURLY_TRAFFIC_SQL = `
  WITH bounds AS (SELECT date_trunc('hour', $2::timestamptz AT TIME ZONE 'UTC') AS last_hour),
  counts AS (
    SELECT date_trunc('hour', m."createdAt") AS start, ${COUNTS}
    FROM "BusinessMessage" m, bounds
    WHERE m."businessId" = $1 AND m.direction = 'outbound' AND m."createdAt" >= bounds.last_hour - interval '23 hours'
    GROUP BY 1
  )
  SELECT to_char(h.start, 'YYYY-MM-DD"T"HH24:00:00"Z"') AS start, ${ZEROED}
  FROM bounds, generate_series(bounds.last_hour - interval '23 hours', bounds.last_hour, interval '1 hour') AS h(start)
  LEFT JOIN counts c ON c.start = h.start
  ORDER BY h.start`;

/**
 * $1 business, $2 now, $3 its IANA time zone, $4 days. The last $4 days by calendar day in that zone, today last.
 * Rows are counted into UTC quarter hours first (every zone's offset is a whole number of them), and only those
 * bins are moved into the zone's days: a time zone conversion per bin, not per message.
 */
export const DAILY_TRAFFIC_SQL = `
  WITH bounds AS (
    SELECT today - ($4::int - 1) * interval '1 day' AS first_day, today
    FROM (SELECT date_trunc('day', $2::timestamptz AT TIME ZONE $3) AS today) t
  ),
  bins AS (
    SELECT date_bin('15 minutes', m."createdAt", timestamp '2000-01-01') AS bin, ${COUNTS}
    FROM "BusinessMessage" m, bounds
    WHERE m."businessId" = $1 AND m.direction = 'outbound'
      AND m."createdAt" >= (bounds.first_day AT TIME ZONE $3) AT TIME ZONE 'UTC'
    GROUP BY 1
  ),
  counts AS (
    SELECT date_trunc('day', (bin AT TIME ZONE 'UTC') AT TIME ZONE $3) AS day, sum(sent)::int AS sent,
           sum(delivered)::int AS delivered, sum(read)::int AS read, sum(failed)::int AS failed
    FROM bins GROUP BY 1
  )
  SELECT to_char(d.day, 'YYYY-MM-DD') AS day, ${ZEROED}
  FROM bounds, generate_series(bounds.first_day, bounds.today, interval '1 day') AS d(day)
  LEFT JOIN counts c ON c.day = d.day
  ORDER BY d.day`;

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
