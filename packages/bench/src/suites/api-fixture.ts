// The `api` suite's tenant, written straight into the bench database (the API's own admin path would cost a process
// start): one business, `numbers` numbers at the highest send rate, one API key, and contacts whose 24-hour window is
// open. The `api` suite asks for NUMBERS numbers because a number's throughput is capped (1,000 messages/s, smooth: no
// burst): it sends to them in turn, so consecutive sends of one number are NUMBERS requests apart.
import { createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';

/** Enough that 1,000/s per number is far above what one number gets at this machine's send rate. */
export const NUMBERS = 64;

export interface ApiFixture {
  /** The first of phoneNumberIds. */
  phoneNumberId: string;
  phoneNumberIds: string[];
  token: string;
  /** wa_ids of consumers who wrote a minute ago. */
  recipients: string[];
}

// Graph ids far above what GraphIdBlock hands out in a fresh database, so the API's own ids cannot collide.
const BUSINESS_ID = '1900000000000001';
const NUMBER_ID_BASE = 1_900_000_000_001_000; // …1000 to …1063
const KEY_ID = '1900000000000003';
const NOW = `(now() AT TIME ZONE 'UTC')`;

export async function seedApiFixture(
  databaseUrl: string,
  secretKey: string,
  recipients: number,
  numbers = 1,
): Promise<ApiFixture> {
  const token = `sb_live_${randomBytes(32).toString('base64url')}`;
  const tokenHash = createHmac('sha256', secretKey).update(token).digest();
  // +1 650 2NN NNNN: valid US numbers (area code 650, exchanges 220-299 avoid N11 codes).
  const waIds = Array.from(
    { length: recipients },
    (_, i) => `1650${220 + (i % 80)}${String(Math.floor(i / 80)).padStart(4, '0')}`,
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO "Business" ("id", "name", "templateNamespace") VALUES ($1, 'Bench', $2)`, [
      BUSINESS_ID,
      randomBytes(16).toString('hex'),
    ]);
    await client.query(
      `INSERT INTO "BusinessNumber" ("id", "businessId", "phoneNumber", "verifiedName", "messagesPerSecond")
       SELECT ($1::bigint + i)::text, $2, '+1415555' || lpad(i::text, 4, '0'), 'Bench', 1000 FROM generate_series(0, $3 - 1) AS i`,
      [NUMBER_ID_BASE, BUSINESS_ID, numbers],
    );
    await client.query(
      `INSERT INTO "ApiKey" ("id", "businessId", "name", "tokenHash", "hint") VALUES ($1, $2, 'bench', $3, $4)`,
      [KEY_ID, BUSINESS_ID, tokenHash, token.slice(-4)],
    );
    await client.query(
      `INSERT INTO "Contact" ("businessId", "waId", "lastInboundAt", "tags", "attributes", "updatedAt")
       SELECT $1, w, ${NOW} - interval '1 minute', '{}', '{}', ${NOW} FROM unnest($2::text[]) AS w`,
      [BUSINESS_ID, waIds],
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const phoneNumberIds = Array.from({ length: numbers }, (_, i) => String(NUMBER_ID_BASE + i));
  return { phoneNumberId: phoneNumberIds[0]!, phoneNumberIds, token, recipients: waIds };
}

/** Rows the accepted sends left: one message-log row and one outbox row each. */
export async function countAccepted(databaseUrl: string): Promise<{ logged: number; queued: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ logged: string; queued: string }>(
      `SELECT (SELECT count(*) FROM "BusinessMessage") AS logged, (SELECT count(*) FROM "SendOutbox") AS queued`,
    );
    return { logged: Number(rows[0]!.logged), queued: Number(rows[0]!.queued) };
  } finally {
    await client.end();
  }
}
