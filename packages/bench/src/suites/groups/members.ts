// The group's member accounts for the load, each with a primary and companions: written straight into the bench
// database in a few statements (registration and key upload have tests of their own), with working credentials and
// placeholder keys.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { basicAuthorization, hashCredential, newPassword } from '@switchboard/core/auth/credentials';
import pg from 'pg';
import type { LoadDevice } from '../core/accounts';

export async function createMembers(
  databaseUrl: string,
  secretKey: string,
  accounts: number,
  devicesPerAccount: number,
): Promise<LoadDevice[][]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const members: LoadDevice[][] = [];
    const rows = { acc: [] as string[], dev: [] as number[], hash: [] as Buffer[], reg: [] as number[] };
    for (let i = 0; i < accounts; i++) {
      const accountId = randomUUID();
      const devices: LoadDevice[] = [];
      for (let deviceId = 1; deviceId <= devicesPerAccount; deviceId++) {
        const password = newPassword();
        const registrationId = randomInt(1, 16_380);
        rows.acc.push(accountId);
        rows.dev.push(deviceId);
        rows.hash.push(Buffer.from(hashCredential(secretKey, password)));
        rows.reg.push(registrationId);
        devices.push({
          accountId,
          deviceId,
          registrationId,
          authorization: basicAuthorization({ accountId, deviceId, password }),
        });
      }
      members.push(devices);
    }
    const ids = members.map((m) => m[0]!.accountId);
    await db.query(
      `INSERT INTO "Account" (id, number) SELECT id, '+1555' || lpad((row_number() OVER ())::text, 9, '0')
       FROM unnest($1::uuid[]) AS id ON CONFLICT DO NOTHING`,
      [ids],
    );
    const key = randomBytes(33);
    await db.query(
      `INSERT INTO "Device" ("accountId", "deviceId", "credentialHash", "registrationId", "identityKey",
         "signedPreKeyId", "signedPreKey", "signedPreKeySignature", "lastResortKyberId", "lastResortKyberKey",
         "lastResortKyberSignature")
       SELECT a, d, h, r, $5, 1, $5, $5, 1, $5, $5 FROM unnest($1::uuid[], $2::int[], $3::bytea[], $4::int[]) AS t(a, d, h, r)`,
      [rows.acc, rows.dev, rows.hash, rows.reg, key],
    );
    return members;
  } finally {
    await db.end();
  }
}
