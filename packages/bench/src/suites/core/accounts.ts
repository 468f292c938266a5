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
    for (let i = 0; i < count; i++) {
      const accountId = randomUUID();
      const password = newPassword();
      const registrationId = randomInt(1, 16_380);
      const key = () => randomBytes(33);
      await db.query(`INSERT INTO "Account" (id, number) VALUES ($1, $2)`, [
        accountId,
        `+1555${String(randomInt(0, 1e9)).padStart(9, '0')}`,
      ]);
      await db.query(
        `INSERT INTO "Device" ("accountId", "deviceId", "credentialHash", "registrationId", "identityKey",
           "signedPreKeyId", "signedPreKey", "signedPreKeySignature", "lastResortKyberId", "lastResortKyberKey",
           "lastResortKyberSignature") VALUES ($1, 1, $2, $3, $4, 1, $5, $6, 1, $7, $8)`,
        [
          accountId,
          Buffer.from(hashCredential(secretKey, password)),
          registrationId,
          key(),
          key(),
          key(),
          key(),
          key(),
        ],
      );
      devices.push({
        accountId,
        deviceId: 1,
        registrationId,
        authorization: basicAuthorization({ accountId, deviceId: 1, password }),
      });
    }
    return devices;
  } finally {
    await db.end();
  }
}
