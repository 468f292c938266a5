/**
 * The original campaign's retryable failures ($1 campaign, $2 business, $3 codes): FAILED ledger rows by their reason,
 * and DISPATCHED rows whose message failed, by its error code. Recipients already in an earlier retry of the same
 * campaign (`audience.retry.campaign_id`) are left out, so retrying twice never sends twice.
 */
const failures = (joins = '') => `
FROM "CampaignRecipient" r
LEFT JOIN "BusinessMessage" m ON r."state" = 'DISPATCHED' AND m."wamid" = r."wamid"${joins}
WHERE r."campaignId" = $1 AND r."waId" IS NOT NULL
  AND ((r."state" = 'FAILED' AND r."reason" = ANY($3::text[]))
    OR (m."status" = 'failed' AND m."error" ->> 'code' = ANY($3::text[])))
  AND NOT EXISTS (
    SELECT 1 FROM "Campaign" e JOIN "CampaignRecipient" p ON p."campaignId" = e."id"
    WHERE e."businessId" = $2 AND e."audience" -> 'retry' ->> 'campaign_id' = $1 AND p."waId" = r."waId")`;

/** The first failure's variables (to check the template with), if any: same parameters. */
export const FIRST_FAILURE_SQL = `SELECT r."variables" AS vars ${failures()} ORDER BY r."seq" LIMIT 1`;

/**
 * The failures as the new campaign's ledger ($4 the new campaign, $5 marketing), in the original's order; a contact who
 * opted out since (MARKETING templates) is SKIPPED `opted_out`, as a create would.
 */
export const INSERT_RETRY_SQL = `
INSERT INTO "CampaignRecipient" ("campaignId", "seq", "input", "waId", "variables", "state", "reason")
SELECT $4, row_number() OVER (ORDER BY r."seq"), r."input", r."waId", r."variables",
       (CASE WHEN x.reason IS NULL THEN 'PENDING' ELSE 'SKIPPED' END)::"CampaignRecipientState", x.reason
${failures(`
LEFT JOIN "Contact" c ON c."businessId" = $2 AND c."waId" = r."waId"
CROSS JOIN LATERAL (SELECT CASE WHEN $5::boolean AND c."optStatus" = 'OPTED_OUT' THEN 'opted_out' END AS reason) x`)}`;
