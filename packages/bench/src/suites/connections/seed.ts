// The fleet written straight into the bench's own database — Account and Device rows with working credentials and
// placeholder keys, thousands per statement. Registering a quarter of a million devices by SMS code through the API
// would take longer than the measurement; registration has its own tests. The keys are never used: the server is
// blind, and the probe's ciphertexts are opaque bytes carrying their send time. Each device has a chat with one of
// the probe's senders already (a ChatStart row, as if it had written first), so the probe measures delivery, not the
// consumers' new-chat limit.
import pg from 'pg';
import { fleetCredentialHash, fleetDevice } from './fleet';

const CHUNK = 5_000;
const PLACEHOLDER_KEY = Buffer.alloc(33, 0x05);

/** Devices 0..count-1, then `senders` more: the probe's, sender k chatting with every device i where i % senders = k. */
export async function seedFleet(
  databaseUrl: string,
  secretKey: string,
  seed: string,
  count: number,
  senders: number,
): Promise<void> {
  const total = count + senders;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const senderIds = Array.from({ length: senders }, (_, k) => fleetDevice(seed, count + k).accountId);
    for (let from = 0; from < total; from += CHUNK) {
      const ids: string[] = [];
      const peers: string[] = [];
      const numbers: string[] = [];
      const hashes: Buffer[] = [];
      const registrationIds: number[] = [];
      for (let i = from; i < Math.min(total, from + CHUNK); i++) {
        const d = fleetDevice(seed, i);
        ids.push(d.accountId);
        if (i < count) peers.push(senderIds[i % senders]!);
        numbers.push(`+1${String(2_000_000_000 + i)}`);
        hashes.push(fleetCredentialHash(secretKey, d));
        registrationIds.push(d.registrationId);
      }
      await db.query('BEGIN');
      await db.query(`INSERT INTO "Account" (id, number) SELECT * FROM unnest($1::uuid[], $2::text[])`, [ids, numbers]);
      await db.query(
        `INSERT INTO "Device" ("accountId", "deviceId", "credentialHash", "registrationId", "identityKey",
           "signedPreKeyId", "signedPreKey", "signedPreKeySignature", "lastResortKyberId", "lastResortKyberKey",
           "lastResortKyberSignature")
         SELECT a, 1, h, r, $4, 1, $4, $4, 1, $4, $4 FROM unnest($1::uuid[], $2::bytea[], $3::int[]) AS t(a, h, r)`,
        [ids, hashes, registrationIds, PLACEHOLDER_KEY],
      );
      await db.query(
        `INSERT INTO "ChatStart" ("accountId", "peerAccountId") SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
        [ids.slice(0, peers.length), peers],
      );
      await db.query('COMMIT');
    }
  } finally {
    await db.end();
  }
}
