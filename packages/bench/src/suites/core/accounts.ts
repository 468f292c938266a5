// Accounts for the load: written straight into the bench database (Account, Device) with working credentials and
// placeholder keys. Registration by SMS code and key upload have tests of their own and are not what is measured.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { basicAuthorization, hashCredential, newPassword } from '@switchboard/core/auth/credentials';
import pg from 'pg';

export interface LoadDevice {
  accountId: string;
  deviceId: number;
  registrationId: number;
  authorization: string;
}

export async function createDevices(databaseUrl: string, secretKey: string, count: number): Promise<LoadDevice[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const devices: LoadDevice[] = [];
    // Two statements per 1,000 devices: a bench of 10,000 devices is written in seconds, not minutes.
    for (let from = 0; from < count; from += 1_000) {
      const rows = Array.from({ length: Math.min(1_000, count - from) }, () => {
        const password = newPassword();
        return { accountId: randomUUID(), password, registrationId: randomInt(1, 16_380) };
      });
      const keys = () => rows.map(() => randomBytes(33));
      await db.query(`INSERT INTO "Account" (id, number) SELECT unnest($1::uuid[]), unnest($2::text[])`, [
        rows.map((r) => r.accountId),
        rows.map(() => `+1555${String(randomInt(0, 1e9)).padStart(9, '0')}`),
      ]);
      await db.query(
        `INSERT INTO "Device" ("accountId", "deviceId", "credentialHash", "registrationId", "identityKey",
           "signedPreKeyId", "signedPreKey", "signedPreKeySignature", "lastResortKyberId", "lastResortKyberKey",
           "lastResortKyberSignature")
         SELECT a, 1, h, r, k1, 1, k2, k3, 1, k4, k5
           FROM unnest($1::uuid[], $2::bytea[], $3::int[], $4::bytea[], $5::bytea[], $6::bytea[], $7::bytea[],
                       $8::bytea[]) AS t(a, h, r, k1, k2, k3, k4, k5)`,
        [
          rows.map((r) => r.accountId),
          rows.map((r) => Buffer.from(hashCredential(secretKey, r.password))),
          rows.map((r) => r.registrationId),
          keys(),
          keys(),
          keys(),
          keys(),
          keys(),
        ],
      );
      for (const { accountId, password, registrationId } of rows) {
        devices.push({
          accountId,
          deviceId: 1,
          registrationId,
          authorization: basicAuthorization({ accountId, deviceId: 1, password }),
        });
      }
    }
    return devices;
  } finally {
    await db.end();
  }
}
