import { randomBytes } from 'node:crypto';
import { DeviceEvents, type PreKeysLow } from '@switchboard/core/devices/device-events';
import { DeviceCrypto, type KeyUpload, linkDevice, MemoryStorage, type RestClient } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { failure, newAccount, startCoreApi } from '@switchboard/testkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('keys: the prekey directory', () => {
  let api: RunningApi;
  const low: PreKeysLow[] = [];
  beforeAll(async () => {
    api = await startCoreApi({ KEY_BUNDLE_FETCHES_PER_MINUTE: '30', PREKEY_LOW_THRESHOLD: '5' });
    api.app.get(DeviceEvents).onPreKeysLow((e) => void low.push(e));
  });
  afterAll(() => api.close());

  /** An account whose primary has published `preKeys` one-time keys of each kind. */
  async function owner(preKeys: number) {
    const account = await newAccount(api);
    const crypto = new DeviceCrypto(account.credentials, new MemoryStorage(), account.rest);
    const counts = await crypto.publishKeys({ preKeys, kyberPreKeys: preKeys });
    return { ...account, crypto, counts };
  }

  it('stores an upload and reports the counts', async () => {
    const { counts, rest, crypto, credentials } = await owner(12);
    expect(counts).toEqual({ pre_keys: 12, kyber_pre_keys: 12, low: false, low_threshold: 5 });
    const { devices } = await rest.fetchBundles(credentials.accountId, 1);
    expect(devices[0]).toMatchObject({
      device_id: 1,
      registration_id: await crypto.registrationId(),
      pre_key: { key_id: 1 },
      kyber_pre_key: { key_id: 2, last_resort: false }, // id 1 is the last-resort key
    });
    // A retried batch is idempotent: ids already stored are kept, not doubled.
    const again = await rest.uploadKeys({
      pre_keys: [{ key_id: 5, public_key: devices[0]!.signed_pre_key.public_key }],
    });
    expect(again.pre_keys).toBe(11);
  });

  it('never hands out a one-time prekey twice: 20 parallel fetches against 10 keys', async () => {
    const { credentials } = await owner(10);
    const requesters = await Promise.all(Array.from({ length: 4 }, () => newAccount(api)));
    const fetches = Array.from({ length: 20 }, (_, i) =>
      requesters[i % 4]!.rest.fetchBundles(credentials.accountId, 'all'),
    );
    const bundles = (await Promise.all(fetches)).map((b) => b.devices[0]!);
    const ec = bundles.map((b) => b.pre_key?.key_id).filter((id) => id !== undefined);
    const kyber = bundles.filter((b) => !b.kyber_pre_key.last_resort).map((b) => b.kyber_pre_key.key_id);
    expect(ec).toHaveLength(10);
    expect(new Set(ec).size).toBe(10);
    expect(kyber).toHaveLength(10);
    expect(new Set(kyber).size).toBe(10);
    // The other 10 got no EC prekey and the last-resort Kyber key, the same one each time.
    const fallback = bundles.filter((b) => b.kyber_pre_key.last_resort);
    expect(fallback).toHaveLength(10);
    expect(new Set(fallback.map((b) => b.kyber_pre_key.key_id)).size).toBe(1);
    expect(bundles.filter((b) => b.pre_key === null)).toHaveLength(10);
  });

  it('falls back to the last-resort Kyber key and no EC prekey when none are left', async () => {
    const { credentials, rest } = await owner(0);
    const { devices } = await rest.fetchBundles(credentials.accountId, 1);
    expect(devices[0]!.pre_key).toBeNull();
    expect(devices[0]!.kyber_pre_key).toMatchObject({ key_id: 1, last_resort: true });
  });

  it('tells the owner when one-time keys run low', async () => {
    const { credentials, rest } = await owner(6);
    const other = await newAccount(api);
    await other.rest.fetchBundles(credentials.accountId, 1);
    expect((await rest.keyCounts()).low).toBe(false);
    await other.rest.fetchBundles(credentials.accountId, 1);
    expect(await rest.keyCounts()).toEqual({ pre_keys: 4, kyber_pre_keys: 4, low: true, low_threshold: 5 });
    await expect
      .poll(() => low.find((e) => e.accountId === credentials.accountId))
      .toEqual({
        accountId: credentials.accountId,
        deviceId: 1,
        preKeys: 4,
        kyberPreKeys: 4,
      });
  });

  it('tells the owner once per run of low keys: an upload of one-time keys ends the run', async () => {
    const { credentials, rest, crypto } = await owner(6);
    const other = await newAccount(api);
    const heard = () => low.filter((e) => e.accountId === credentials.accountId).length;
    for (let i = 0; i < 3; i++) await other.rest.fetchBundles(credentials.accountId, 1); // 3 left: low, twice over
    await expect.poll(heard).toBe(1);
    expect(await crypto.replenishKeys({ preKeys: 3, kyberPreKeys: 3 })).toMatchObject({ pre_keys: 6, low: false });
    await other.rest.fetchBundles(credentials.accountId, 1);
    await other.rest.fetchBundles(credentials.accountId, 1); // 4 left: low again
    await expect.poll(heard).toBe(2);
    expect(await rest.keyCounts()).toMatchObject({ pre_keys: 4, low: true });
  });

  it('serves all devices of an account, skipping devices without keys', async () => {
    const { credentials, rest } = await owner(1);
    const silent = await linkDevice(rest);
    const keyed = await linkDevice(rest);
    await new DeviceCrypto(keyed.credentials, new MemoryStorage(), keyed.rest).publishKeys({
      preKeys: 1,
      kyberPreKeys: 1,
    });
    const { devices } = await silent.rest.fetchBundles(credentials.accountId, 'all');
    expect(devices.map((d) => d.device_id)).toEqual([1, keyed.credentials.deviceId]);
    expect(await failure(rest.fetchBundles(credentials.accountId, silent.credentials.deviceId))).toMatchObject({
      status: 404,
    });
  });

  it('rate-limits bundle fetches per requesting device', async () => {
    const { credentials } = await owner(0);
    const requester = await newAccount(api);
    for (let i = 0; i < 30; i++) await requester.rest.fetchBundles(credentials.accountId, 1);
    const err = await failure(requester.rest.fetchBundles(credentials.accountId, 1));
    expect(err).toMatchObject({ status: 429, code: 130429 });
    expect(err.details).toMatch(/^key_bundle_fetches: retry after \d+ s$/);
  });

  describe('with a budget of 6 fetches per target account', () => {
    let limited: RunningApi;
    beforeAll(async () => {
      limited = await startCoreApi({ KEY_BUNDLE_FETCHES_PER_TARGET_PER_MINUTE: '6' });
    });
    afterAll(() => limited.close());

    it('strangers together cannot drain an account: past the budget, bundles come without one-time keys', async () => {
      const target = await newAccount(limited);
      await new DeviceCrypto(target.credentials, new MemoryStorage(), target.rest).publishKeys({
        preKeys: 10,
        kyberPreKeys: 10,
      });
      const strangers = await Promise.all(Array.from({ length: 5 }, () => newAccount(limited)));
      const bundles = [];
      for (const s of strangers) {
        for (let i = 0; i < 2; i++)
          bundles.push((await s.rest.fetchBundles(target.credentials.accountId, 1)).devices[0]!);
      }
      expect(bundles.filter((b) => b.pre_key !== null)).toHaveLength(6);
      expect(bundles.slice(6).every((b) => b.pre_key === null && b.kyber_pre_key.last_resort)).toBe(true);
      expect(await target.rest.keyCounts()).toMatchObject({ pre_keys: 4, kyber_pre_keys: 4 });
    });
  });

  describe('refuses bad uploads, naming the field', () => {
    let rest: RestClient;
    let first: KeyUpload;
    beforeAll(async () => {
      const account = await newAccount(api);
      rest = account.rest;
      first = await new DeviceCrypto(account.credentials, new MemoryStorage(), rest).keys.initialUpload({
        preKeys: 1,
        kyberPreKeys: 1,
      });
    });
    const bad = async (upload: KeyUpload, status: number, code: number, field: RegExp) => {
      const err = await failure(rest.uploadKeys(upload));
      expect(err).toMatchObject({ status, code });
      expect(err.details).toMatch(field);
    };
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[bytes.length - 1]! ^= 1;
      return bytes.toString('base64');
    };

    it('a first upload without its identity or signed keys', async () => {
      await bad({ ...first, identity_key: undefined }, 400, 100, /^identity_key: required/);
      await bad({ ...first, registration_id: undefined }, 400, 100, /^registration_id: required/);
      await bad({ ...first, signed_pre_key: undefined }, 400, 100, /^signed_pre_key: required/);
      await bad({ ...first, kyber_last_resort_pre_key: undefined }, 400, 100, /^kyber_last_resort_pre_key: required/);
    });

    it('signatures that do not verify with the identity key', async () => {
      const spk = first.signed_pre_key!;
      await bad(
        { ...first, signed_pre_key: { ...spk, signature: flip(spk.signature) } },
        400,
        100,
        /^signed_pre_key\.signature: /,
      );
      const kyber = first.kyber_pre_keys![0]!;
      await bad(
        { ...first, kyber_pre_keys: [{ ...kyber, signature: flip(kyber.signature) }] },
        400,
        100,
        /^kyber_pre_keys\[0\]\.signature: /,
      );
    });

    it('keys of the wrong size or that do not parse', async () => {
      const junk = randomBytes(33).toString('base64');
      await bad({ ...first, identity_key: junk }, 400, 100, /^identity_key: not a valid EC public key/);
      await bad({ ...first, pre_keys: [{ key_id: 1, public_key: 'AAAA' }] }, 400, 100, /^pre_keys\[0\]\.public_key: /);
    });

    it('a second identity for the same device', async () => {
      await rest.uploadKeys(first);
      const other = await new DeviceCrypto(
        { accountId: '00000000-0000-4000-8000-000000000000', deviceId: 1 },
        new MemoryStorage(),
        rest,
      ).keys.initialUpload({ preKeys: 0, kyberPreKeys: 0 });
      await bad({ identity_key: other.identity_key }, 409, 133014, /^identity_key: /);
      await bad({ registration_id: (first.registration_id! % 16383) + 1 }, 409, 133014, /^registration_id: /);
      // The same identity again is fine (a retried first upload).
      expect((await rest.uploadKeys(first)).pre_keys).toBe(1);
    });
  });
});
