import { DeviceEvents, type DeviceRef } from '@switchboard/core/devices/device-events';
import { DevicesService } from '@switchboard/core/devices/devices.service';
import { DeviceCrypto, linkDevice, MemoryStorage, registerWithDevCode } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { client, failure, newAccount, startCoreApi } from '@switchboard/testkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('devices: linking and unlinking', () => {
  let api: RunningApi;
  const removed: DeviceRef[] = [];
  beforeAll(async () => {
    api = await startCoreApi({ MAX_COMPANION_DEVICES: '2' });
    api.app.get(DeviceEvents).onRemoved((d) => void removed.push(d));
  });
  afterAll(() => api.close());

  it('links a companion: the new device starts, the primary approves, the new device completes', async () => {
    const { rest: primary, credentials } = await newAccount(api);
    const fresh = client(api);
    const { link_code, link_secret } = await fresh.startLink();
    expect(await failure(fresh.completeLink({ link_code, link_secret }))).toMatchObject({ status: 409, code: 133012 });
    await primary.approveLink(link_code);
    const linked = await fresh.completeLink({ link_code, link_secret, name: 'laptop' });
    expect(linked).toMatchObject({ account_id: credentials.accountId, device_id: 2 });
    const companion = fresh.as({ accountId: linked.account_id, deviceId: linked.device_id, password: linked.password });
    const { devices } = await companion.listDevices();
    expect(devices.map((d) => [d.device_id, d.name, d.primary])).toEqual([
      [1, null, true],
      [2, 'laptop', false],
    ]);
    // Single use.
    expect(await failure(fresh.completeLink({ link_code, link_secret }))).toMatchObject({ status: 404 });
  });

  it('keeps the link secret to the new device: the code alone cannot complete, and approves once', async () => {
    const { rest: primary } = await newAccount(api);
    const fresh = client(api);
    const { link_code, link_secret } = await fresh.startLink();
    await primary.approveLink(link_code);
    expect(await failure(primary.approveLink(link_code))).toMatchObject({ status: 404 });
    const stolen = `${link_secret.slice(0, -1)}${link_secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await failure(fresh.completeLink({ link_code, link_secret: stolen }))).toMatchObject({ status: 404 });
    expect((await fresh.completeLink({ link_code, link_secret })).device_id).toBe(2);
  });

  it('voids a link approved by a primary that has since been replaced by a re-registration', async () => {
    const { rest: oldPrimary, number } = await newAccount(api);
    const fresh = client(api);
    const { link_code, link_secret } = await fresh.startLink();
    await oldPrimary.approveLink(link_code);
    await registerWithDevCode(client(api), number); // the owner takes the number back
    expect(await failure(fresh.completeLink({ link_code, link_secret }))).toMatchObject({ status: 404 });
  });

  it('lets only the primary approve links', async () => {
    const { rest: primary } = await newAccount(api);
    const companion = await linkDevice(primary);
    const { link_code } = await client(api).startLink();
    expect(await failure(companion.rest.approveLink(link_code))).toMatchObject({ status: 403, code: 10 });
  });

  it('refuses a companion beyond MAX_COMPANION_DEVICES', async () => {
    const { rest: primary } = await newAccount(api);
    await linkDevice(primary);
    await linkDevice(primary);
    const { link_code } = await client(api).startLink();
    const err = await failure(primary.approveLink(link_code));
    expect(err).toMatchObject({ status: 409, code: 133013 });
  });

  it('holds the cap when several approved links complete at once', async () => {
    const { rest: primary } = await newAccount(api);
    const fresh = client(api);
    const links = await Promise.all([1, 2, 3].map(() => fresh.startLink()));
    for (const { link_code } of links) await primary.approveLink(link_code); // room for each, checked one by one
    const results = await Promise.allSettled(links.map((l) => fresh.completeLink(l)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, code: 133013 });
  });

  it('unlinks a companion: its credential and keys go, the delivery side hears of it, its id is reused', async () => {
    const { rest: primary, credentials } = await newAccount(api);
    const companion = await linkDevice(primary);
    await new DeviceCrypto(companion.credentials, new MemoryStorage(), companion.rest).publishKeys({
      preKeys: 2,
      kyberPreKeys: 2,
    });
    expect((await primary.fetchBundles(credentials.accountId, 2)).devices).toHaveLength(1);

    await primary.unlinkDevice(2);
    expect(removed).toContainEqual({ accountId: credentials.accountId, deviceId: 2 });
    expect(await failure(companion.rest.listDevices())).toMatchObject({ status: 401, code: 190 });
    expect(await failure(primary.fetchBundles(credentials.accountId, 2))).toMatchObject({ status: 404 });
    expect(await failure(primary.unlinkDevice(2))).toMatchObject({ status: 404 });
    expect((await linkDevice(primary)).credentials.deviceId).toBe(2);
  });

  it('lets a companion unlink itself but no other device, and never the primary', async () => {
    const { rest: primary } = await newAccount(api);
    const second = await linkDevice(primary);
    const third = await linkDevice(primary);
    expect(await failure(second.rest.unlinkDevice(3))).toMatchObject({ status: 403, code: 10 });
    const primaryErr = await failure(primary.unlinkDevice(1));
    expect(primaryErr).toMatchObject({ status: 400, code: 100 });
    expect(primaryErr.details).toMatch(/^device_id: /);
    await third.rest.unlinkDevice(3);
    expect((await primary.listDevices()).devices.map((d) => d.device_id)).toEqual([1, 2]);
  });

  it('removes every device when the number is registered on a new primary', async () => {
    const { rest: primary, credentials, number } = await newAccount(api);
    const companion = await linkDevice(primary);
    const again = await registerWithDevCode(client(api), number);
    expect(again.credentials.accountId).toBe(credentials.accountId);
    expect(removed).toEqual(
      expect.arrayContaining([
        { accountId: credentials.accountId, deviceId: 1 },
        { accountId: credentials.accountId, deviceId: 2 },
      ]),
    );
    expect(await failure(companion.rest.listDevices())).toMatchObject({ status: 401 });
    expect((await again.rest.listDevices()).devices.map((d) => d.device_id)).toEqual([1]);
  });

  it('counts only devices with keys as active (activeDevices)', async () => {
    const { rest: primary, credentials } = await newAccount(api);
    const companion = await linkDevice(primary);
    const devices = api.app.get(DevicesService);
    expect(await devices.activeDevices(credentials.accountId)).toEqual([]);
    const crypto = new DeviceCrypto(companion.credentials, new MemoryStorage(), companion.rest);
    await crypto.publishKeys({ preKeys: 1, kyberPreKeys: 1 });
    expect(await devices.activeDevices(credentials.accountId)).toEqual([
      { deviceId: 2, registrationId: await crypto.registrationId() },
    ]);
  });

  it('refuses bad, unknown and missing credentials with 401 code 190', async () => {
    const { credentials } = await newAccount(api);
    for (const c of [
      { ...credentials, password: 'wrong' },
      { ...credentials, deviceId: 2 },
      { ...credentials, accountId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      expect(await failure(client(api).as(c).listDevices())).toMatchObject({ status: 401, code: 190 });
    }
    expect(await failure(client(api).listDevices())).toMatchObject({ status: 401, code: 190 });
  });
});
