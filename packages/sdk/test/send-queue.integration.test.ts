import type { RunningApi } from '@switchboard/testkit/api';
import { startCoreApi } from '@switchboard/testkit/core';
import { type SdkDevice, sdkCompanion, sdkDevice, texts } from '@switchboard/testkit/devices/sdk-device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('SDK per-conversation send queue (real API, Postgres, Redis)', { timeout: 60_000 }, () => {
  let api: RunningApi;
  const devices: SdkDevice[] = [];
  const track = async (d: Promise<SdkDevice>) => {
    const device = await d;
    devices.push(device);
    return device;
  };
  beforeAll(async () => {
    // These tests count one-time keys spent. Test devices upload 5, under the default low mark of 10, so the SDK would
    // top them up (a PreKeysLow notice) in the middle of the count: no mark here.
    api = await startCoreApi({ PREKEY_LOW_THRESHOLD: '0' });
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await api.close();
  });

  const ten = Array.from({ length: 10 }, (_, i) => `#${i}`);
  const oneTimeKeys = async (d: SdkDevice) => {
    const counts = await d.rest.keyCounts();
    return [counts.pre_keys, counts.kyber_pre_keys];
  };

  it('ten concurrent sends to a new contact arrive in order and spend one of its one-time prekeys', async () => {
    const alice = await track(sdkDevice(api));
    const bob = await track(sdkDevice(api));
    const [preKeys, kyberKeys] = await oneTimeKeys(bob);

    await Promise.all(ten.map((t) => alice.messenger.sendText(bob.credentials.accountId, t)));
    await expect.poll(() => texts(bob)).toEqual(ten);
    expect(await oneTimeKeys(bob)).toEqual([preKeys! - 1, kyberKeys! - 1]);
  });

  it('also when the first send is refused (409: a device it did not know): one bundle per device', async () => {
    const alice = await track(sdkDevice(api));
    const bob = await track(sdkDevice(api));
    const laptop = await track(sdkCompanion(api, bob));
    const before = [await oneTimeKeys(bob), await oneTimeKeys(laptop)];

    await Promise.all(ten.map((t) => alice.messenger.sendText(bob.credentials.accountId, t)));
    for (const d of [bob, laptop]) await expect.poll(() => texts(d)).toEqual(ten);
    const spentOne = before.map((counts) => counts.map((n) => n! - 1));
    expect([await oneTimeKeys(bob), await oneTimeKeys(laptop)]).toEqual(spentOne);
  });
});
