import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Config } from '@switchboard/config';
import { basicAuthorization, hashCredential, newPassword } from '@switchboard/core/auth/credentials';
import pg from 'pg';

export interface TestDevice {
  accountId: string;
  deviceId: number;
  registrationId: number;
  /** The Authorization header value. */
  auth: string;
}

export interface TestAccount {
  accountId: string;
  devices: TestDevice[];
}

/**
 * Accounts and devices written straight into the core's tables (Account, Device) with working credentials and dummy
 * keys: what raw-protocol tests need (a device set to check, credentials to connect) without the SMS and key-upload
 * flows, which have tests of their own.
 */
export class Fixtures {
  readonly db: pg.Pool;

  constructor(private readonly config: Config) {
    this.db = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
  }

  async account(deviceCount = 1): Promise<TestAccount> {
    const accountId = randomUUID();
    const number = `+1555${randomInt(1_000_000, 9_999_999)}${randomInt(10, 99)}`;
    await this.db.query(`INSERT INTO "Account" (id, number) VALUES ($1, $2)`, [accountId, number]);
    const devices: TestDevice[] = [];
    for (let deviceId = 1; deviceId <= deviceCount; deviceId++) devices.push(await this.device(accountId, deviceId));
    return { accountId, devices };
  }

  /** Adds (or re-adds with a fresh registration id) a device with keys, so activeDevices lists it. */
  async device(accountId: string, deviceId: number): Promise<TestDevice> {
    const password = newPassword();
    const registrationId = randomInt(1, 16_380);
    const key = () => randomBytes(33);
    await this.db.query(
      `INSERT INTO "Device" ("accountId", "deviceId", "credentialHash", "registrationId", "identityKey",
         "signedPreKeyId", "signedPreKey", "signedPreKeySignature", "lastResortKyberId", "lastResortKyberKey",
         "lastResortKyberSignature")
       VALUES ($1, $2, $3, $4, $5, 1, $6, $7, 1, $8, $9)
       ON CONFLICT ("accountId", "deviceId") DO UPDATE SET "credentialHash" = $3, "registrationId" = $4`,
      [
        accountId,
        deviceId,
        Buffer.from(hashCredential(this.config.secretKey, password)),
        registrationId,
        key(),
        key(),
        key(),
        key(),
        key(),
      ],
    );
    return { accountId, deviceId, registrationId, auth: basicAuthorization({ accountId, deviceId, password }) };
  }

  async setRegistrationId(device: TestDevice, registrationId: number): Promise<void> {
    await this.db.query(`UPDATE "Device" SET "registrationId" = $3 WHERE "accountId" = $1 AND "deviceId" = $2`, [
      device.accountId,
      device.deviceId,
      registrationId,
    ]);
  }

  async removeDevice(device: TestDevice): Promise<void> {
    await this.db.query(`DELETE FROM "Device" WHERE "accountId" = $1 AND "deviceId" = $2`, [
      device.accountId,
      device.deviceId,
    ]);
  }

  /** Envelopes waiting for a device. */
  async waiting(device: { accountId: string; deviceId: number }): Promise<number> {
    const { rows } = await this.db.query(
      `SELECT count(*)::int AS n FROM "MailboxEnvelope" WHERE "accountId" = $1 AND "deviceId" = $2`,
      [device.accountId, device.deviceId],
    );
    return rows[0].n;
  }

  close(): Promise<void> {
    return this.db.end();
  }
}
