import { randomBytes } from 'node:crypto';
import type { RunningApi } from '@switchboard/testkit/api';
import { randomNumber, startCoreApi } from '@switchboard/testkit/core';
import { type SdkDevice, sdkDevice } from '@switchboard/testkit/devices/sdk-device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('SDK profiles: sealed with the profile key, shown per privacy settings (real API, Postgres, Redis)', {
  timeout: 60_000,
}, () => {
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

  it('a message names its sender and brings the key that opens its profile; settings decide who sees what', async () => {
    const [alice, bob, carol, dave] = await Promise.all([1, 2, 3, 4].map(() => track(sdkDevice(api))));
    const photo = randomBytes(3000);
    await alice!.profiles.publish({
      name: 'Alice Liddell',
      about: 'Down the rabbit hole',
      photo: { bytes: photo, mime_type: 'image/jpeg' },
    });
    // Bob is in Alice's address book; Carol is not.
    const found = await alice!.profiles.syncContacts([bob!.number, randomNumber()]);
    expect([...found]).toEqual([[bob!.number, bob!.credentials.accountId]]);
    await alice!.profiles.setPrivacy({ about: 'contacts', photo: 'contacts' });

    await alice!.messenger.sendText(bob!.credentials.accountId, 'hi Bob');
    await alice!.messenger.sendText(carol!.credentials.accountId, 'hi Carol');
    await expect.poll(() => bob!.inbox.length + carol!.inbox.length).toBe(2);
    expect(bob!.inbox[0]!.senderNumber).toBe(alice!.number);
    expect(carol!.inbox[0]!.senderNumber).toBe(alice!.number);

    const seenByBob = await bob!.profiles.fetch(alice!.credentials.accountId);
    expect(seenByBob).toMatchObject({ name: 'Alice Liddell', about: 'Down the rabbit hole', version: 1 });
    expect(await bob!.profiles.downloadPhoto(seenByBob!)).toEqual(photo);
    const seenByCarol = await carol!.profiles.fetch(alice!.credentials.accountId);
    expect(seenByCarol).toEqual({ accountId: alice!.credentials.accountId, version: 1, name: 'Alice Liddell' });
    // Dave never heard from Alice: no key, nothing to open; what the server gives him is sealed bytes.
    expect(await dave!.profiles.fetch(alice!.credentials.accountId)).toBeUndefined();

    await alice!.profiles.setPrivacy({ photo: 'nobody' });
    expect((await bob!.profiles.fetch(alice!.credentials.accountId))?.photo).toBeUndefined();
    expect((await alice!.profiles.fetch(alice!.credentials.accountId))?.photo?.size).toBe(photo.length);
    expect(await alice!.profiles.privacy()).toEqual({
      photo: 'nobody',
      about: 'contacts',
      last_seen: 'contacts',
      online: 'contacts',
    });
  });
});
