import { randomBytes } from 'node:crypto';
import { parseConfig } from '@switchboard/config';
import type { RunningApi } from '@switchboard/testkit/api';
import { startCoreApi } from '@switchboard/testkit/core';
import { type SdkDevice, sdkCompanion, sdkDevice, texts } from '@switchboard/testkit/devices/sdk-device';
import { dumpPostgres, dumpRedis, forms } from '@switchboard/testkit/privacy/dumps';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('privacy: the server never holds plaintext', { timeout: 60_000 }, () => {
  const config = parseConfig(process.env);
  let api: RunningApi;
  const devices: SdkDevice[] = [];
  beforeAll(async () => {
    api = await startCoreApi();
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await api.close();
  });

  it('finds none of the known plaintexts in any Postgres table or any Redis key', async () => {
    const alice = await sdkDevice(api);
    const aliceTablet = await sdkCompanion(api, alice);
    const bob = await sdkDevice(api);
    const bobLaptop = await sdkCompanion(api, bob, { connect: false }); // its copies stay stored
    devices.push(alice, aliceTablet, bob, bobLaptop);

    const canaries = Array.from({ length: 6 }, (_, i) => `canary-${i}-${randomBytes(12).toString('hex')}`);
    for (const [i, text] of canaries.entries()) {
      const [from, to] = i % 2 ? [bob, alice] : [alice, bob];
      const sent = await from.messenger.sendText(to.credentials.accountId, text);
      await to.messenger.markRead(from.credentials.accountId, [sent.id], sent.serverTimestamp);
    }
    await expect.poll(() => texts(bob).length).toBe(3);
    await expect.poll(() => texts(alice).length).toBe(3);
    await expect.poll(() => texts(aliceTablet).length).toBe(6); // three received, three copies of her own

    const db = new pg.Client({ connectionString: config.databaseUrl });
    await db.connect();
    const { rows } = await db
      .query(`SELECT count(*)::int AS n FROM "MailboxEnvelope" WHERE "accountId" = $1 AND "deviceId" = $2`, [
        bob.credentials.accountId,
        bobLaptop.credentials.deviceId,
      ])
      .finally(() => db.end());
    expect(rows[0].n).toBeGreaterThanOrEqual(6); // ciphertexts (and receipts) at rest, waiting for the laptop

    const postgres = await dumpPostgres(config.databaseUrl);
    const redis = await dumpRedis(config);
    // Positive control: the search does find what is stored in the clear (an account id is).
    expect(postgres).toContain(alice.credentials.accountId);
    expect(postgres.length).toBeGreaterThan(10_000);
    for (const canary of canaries) {
      for (const form of forms(canary)) {
        expect(postgres.includes(form), `Postgres holds "${canary}" as ${form}`).toBe(false);
        expect(redis.dump.includes(form), `Redis holds "${canary}" as ${form}`).toBe(false);
      }
    }
    console.log(`privacy: searched ${postgres.length} bytes of Postgres rows and ${redis.keys} Redis keys`);
  });
});
