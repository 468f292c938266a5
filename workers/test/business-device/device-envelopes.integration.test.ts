// The business device's per-device encrypt loop against a core API: sessions are started where missing, only the
// devices with keys are encrypted for, and each envelope opens on its own device with the registration id it names.

import { type Address, DeviceCrypto, linkDevice, MemoryStorage } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { newAccount, startCoreApi } from '@switchboard/testkit/core';
import { encryptFor, sessionTargets } from '@switchboard/workers/business-device/send/device-envelopes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const text = (s: string) => new TextEncoder().encode(s);

describe('device envelopes', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startCoreApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  async function device() {
    const account = await newAccount(api);
    const crypto = new DeviceCrypto(account.credentials, new MemoryStorage(), account.rest);
    await crypto.publishKeys({ preKeys: 2, kyberPreKeys: 2 });
    return { ...account, crypto, address: account.credentials as Address };
  }

  it('encrypts one message for every device with keys, each envelope opening on its device', async () => {
    const business = await device();
    const consumer = await device();
    const laptop = await linkDevice(consumer.rest, 'laptop');
    const laptopCrypto = new DeviceCrypto(laptop.credentials, new MemoryStorage(), laptop.rest);
    await laptopCrypto.publishKeys({ preKeys: 2, kyberPreKeys: 2 });
    const silent = await linkDevice(consumer.rest, 'no keys yet'); // linked, never uploaded keys

    const accountId = consumer.address.accountId;
    const ids = [1, laptop.credentials.deviceId, silent.credentials.deviceId];
    const targets = await sessionTargets(business.crypto, accountId, ids);
    expect(targets).toEqual([
      { deviceId: 1, registrationId: await consumer.crypto.registrationId() },
      { deviceId: laptop.credentials.deviceId, registrationId: await laptopCrypto.registrationId() },
    ]);

    const group = await encryptFor(business.crypto, accountId, targets, text('hello'));
    expect(group.accountId).toBe(accountId);
    expect(group.envelopes.map((e) => [e.deviceId, e.registrationId])).toEqual(
      targets.map((t) => [t.deviceId, t.registrationId]),
    );
    const owners = new Map([
      [1, consumer.crypto],
      [laptop.credentials.deviceId, laptopCrypto],
    ]);
    for (const e of group.envelopes) {
      const plain = await owners.get(e.deviceId)!.decrypt(business.address, e.type, e.ciphertext);
      expect(new TextDecoder().decode(plain)).toBe('hello');
    }
    // A second message starts no session: the same targets, and PreKey envelopes (3) until the consumer answers.
    expect(await sessionTargets(business.crypto, accountId, ids)).toEqual(targets);
    const next = await encryptFor(business.crypto, accountId, targets, text('again'));
    expect(next.envelopes.map((e) => e.type)).toEqual([3, 3]);
  });
});
