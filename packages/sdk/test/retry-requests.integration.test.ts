import type { RunningApi } from '@switchboard/testkit/api';
import { startCoreApi } from '@switchboard/testkit/core';
import { addr, type SdkDevice, sdkCompanion, sdkDevice, texts } from '@switchboard/testkit/devices/sdk-device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('SDK decryption-failure retry requests (real API, Postgres, Redis)', { timeout: 60_000 }, () => {
  let api: RunningApi;
  const devices: SdkDevice[] = [];
  const track = async (d: Promise<SdkDevice>) => {
    const device = await d;
    devices.push(device);
    return device;
  };
  beforeAll(async () => {
    api = await startCoreApi();
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await api.close();
  });

  it('a device that cannot decrypt asks, the sender encrypts again, the message is shown once under its id', async () => {
    const alice = await track(sdkDevice(api));
    const bob = await track(sdkDevice(api));
    const laptop = await track(sdkCompanion(api, bob));
    const undecryptable: bigint[] = [];
    bob.messenger.onUndecryptable((d) => undecryptable.push(d.messageId));
    await alice.messenger.sendText(bob.credentials.accountId, 'first');
    for (const d of [bob, laptop]) await expect.poll(() => texts(d)).toEqual(['first']);

    bob.crypto.deleteSessions(alice.credentials.accountId, [alice.credentials.deviceId]); // bob's state is lost
    const second = await alice.messenger.sendText(bob.credentials.accountId, 'second');

    await expect.poll(() => texts(bob)).toEqual(['first', 'second']);
    expect(bob.inbox[1]).toMatchObject({ from: addr(alice), messageId: second.id });
    expect(undecryptable).toEqual([second.id]);
    // The laptop decrypted the first copy: it drops the second, and nobody else sees the request.
    await alice.messenger.sendText(bob.credentials.accountId, 'third');
    for (const d of [bob, laptop]) await expect.poll(() => texts(d).at(-1)).toBe('third');
    expect(texts(laptop)).toEqual(['first', 'second', 'third']);
    expect(texts(bob)).toEqual(['first', 'second', 'third']);
    expect(texts(alice)).toEqual([]);
  });
});
