// The `dashboard` suite's data, written straight into the bench database in SQL: 100,000 contacts, one completed
// campaign of `recipients` recipients whose messages are in the log (spread over 30 days, so the overview's charts
// read a month of traffic), and the first owner's setup invitation (accepted through the console like a person would).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const CAMPAIGN_ID = '1900000000000201';
const NOW = `(now() AT TIME ZONE 'UTC')`;

export async function seedDashboard(
  databaseUrl: string,
  businessId: string,
  phoneNumberId: string,
  counts: { contacts: number; recipients: number },
): Promise<{ invitationId: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Contacts: +1 651 NNN NNNN, named, tagged t0…t19, a third opted in and a tenth opted out.
    await client.query(
      `INSERT INTO "Contact" ("businessId", "waId", "profileName", "optStatus", "tags", "attributes", "updatedAt")
       SELECT $1, (16510000000 + i)::text, 'Contact ' || i,
              (CASE WHEN i % 10 = 0 THEN 'OPTED_OUT' WHEN i % 3 = 0 THEN 'OPTED_IN' ELSE 'UNKNOWN' END)::"ContactOptStatus",
              ARRAY['t' || (i % 20)], jsonb_build_object('city', 'City ' || (i % 50)), ${NOW}
       FROM generate_series(1, $2::int) AS i`,
      [businessId, counts.contacts],
    );
    await client.query(
      `INSERT INTO "Campaign" ("id", "businessId", "phoneNumberId", "name", "templateName", "templateLanguage",
                               "audience", "status", "startedAt", "completedAt", "recipientCount", "updatedAt")
       VALUES ($1, $2, $3, 'Bench campaign', 'bench_template', 'en_US', jsonb_build_object('csv', jsonb_build_object('rows', $4::int)),
               'COMPLETED', ${NOW} - interval '30 days', ${NOW}, $4::int, ${NOW})`,
      [CAMPAIGN_ID, businessId, phoneNumberId, counts.recipients],
    );
    // Recipients: 1 in 50 skipped (opted out), 1 in 40 failed at dispatch (131026), the rest dispatched.
    await client.query(
      `INSERT INTO "CampaignRecipient" ("campaignId", "seq", "input", "waId", "state", "reason", "wamid", "dispatchedAt")
       SELECT $1, i, '+' || (16520000000 + i), (16520000000 + i)::text,
              (CASE WHEN i % 50 = 0 THEN 'SKIPPED' WHEN i % 40 = 0 THEN 'FAILED' ELSE 'DISPATCHED' END)::"CampaignRecipientState",
              CASE WHEN i % 50 = 0 THEN 'opted_out' WHEN i % 40 = 0 THEN '131026' END,
              CASE WHEN i % 50 <> 0 AND i % 40 <> 0 THEN 'wamid.dash.' || i END,
              CASE WHEN i % 50 <> 0 THEN ${NOW} - make_interval(secs => ($2::int - i) * 2592000.0 / $2::int) END
       FROM generate_series(1, $2::int) AS i`,
      [CAMPAIGN_ID, counts.recipients],
    );
    // Their messages: read, delivered, sent and failed in turn-ish proportions, created when dispatched.
    await client.query(
      `INSERT INTO "BusinessMessage" ("wamid", "businessId", "phoneNumberId", "direction", "waId", "type", "payload",
                                      "status", "createdAt", "campaignId")
       SELECT r.wamid, $2, $3, 'outbound', r."waId", 'template', '{}',
              (CASE WHEN r.seq % 10 < 5 THEN 'read' WHEN r.seq % 10 < 8 THEN 'delivered' WHEN r.seq % 10 < 9 THEN 'sent'
                    ELSE 'failed' END)::"BusinessMessageStatus",
              r."dispatchedAt", $1
       FROM "CampaignRecipient" r WHERE r."campaignId" = $1 AND r.wamid IS NOT NULL`,
      [CAMPAIGN_ID, businessId, phoneNumberId],
    );
    // What autovacuum does on a live database soon after: statistics, and the visibility map index-only scans need.
    await client.query('VACUUM (ANALYZE) "Contact", "CampaignRecipient", "BusinessMessage", "Campaign"');
    const invitationId = randomBytes(18).toString('base64url');
    await client.query(
      `INSERT INTO "ConsoleInvitation" ("id", "organizationId", "email", "role", "expiresAt")
       VALUES ($1, $2, 'bench-owner@example.test', 'owner', ${NOW} + interval '1 day')`,
      [invitationId, businessId],
    );
    return { invitationId };
  } finally {
    await client.end();
  }
}

/** EXPLAIN of the contacts page's search (part of a number or a name) on the seeded contacts: which index serves it. */
export async function explainContactSearch(databaseUrl: string, businessId: string, term: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)
       SELECT "waId" FROM "Contact" WHERE "businessId" = $1 AND ("waId" LIKE $2 OR "profileName" ILIKE $2)
       ORDER BY "waId" LIMIT 51`,
      [businessId, `%${term}%`],
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}
