/**
 * A state a person reads: a dispatched recipient is its message's status (queued until the message row is there),
 * the others their ledger state. Failure code: a FAILED row's reason, or its failed message's error code.
 */
const SHOWN_STATE = `(CASE WHEN r."state" = 'DISPATCHED' THEN coalesce(m."status"::text, 'queued')
  ELSE lower(r."state"::text) END)`;

/**
 * One page of a campaign's ledger, in audience order or its reverse, with its messages: $1 campaign, $2 seq above, $3 seq below,
 * $4 shown state, $5 failure code or skip reason, $6 digits in the number, $7 rows. Keyset on the primary key
 * (campaignId, seq), so a page costs the same at row 10 and at row 1,000,000 when unfiltered.
 */
export const recipientsPageSql = (descending: boolean) => `
SELECT r."seq"::text AS seq, r."input", r."waId", ${SHOWN_STATE} AS state, r."reason",
       m."error" ->> 'code' AS code, r."wamid", r."dispatchedAt"
FROM "CampaignRecipient" r
LEFT JOIN "BusinessMessage" m ON r."state" = 'DISPATCHED' AND m."wamid" = r."wamid"
WHERE r."campaignId" = $1
  AND ($2::int IS NULL OR r."seq" > $2::int) AND ($3::int IS NULL OR r."seq" < $3::int)
  AND ($4::text IS NULL OR ${SHOWN_STATE} = $4::text)
  AND ($5::text IS NULL OR r."reason" = $5::text OR m."error" ->> 'code' = $5::text)
  AND ($6::text IS NULL OR r."waId" LIKE '%' || $6::text || '%' OR r."input" LIKE '%' || $6::text || '%')
ORDER BY r."seq" ${descending ? 'DESC' : 'ASC'}
LIMIT $7`;
