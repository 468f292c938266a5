import type { Address } from '@switchboard/sdk';
import { addr, texts } from '@switchboard/testkit/devices/sdk-device';
import { sdkWorld } from '@switchboard/testkit/devices/sdk-world';
import { describe, expect, it } from 'vitest';

describe('SDK identities: safety numbers and key changes (real API, Postgres, Redis)', { timeout: 60_000 }, () => {
  const world = sdkWorld();

  it('both ends show the same safety number; a device’s new identity is announced and changes it', async () => {
    const alice = await world.device();
    const bob = await world.device();
    const laptop = await world.companion(bob);
    const changes: Address[] = [];
    alice.crypto.onIdentityChange((a) => changes.push(a));

    await alice.messenger.sendText(bob.credentials.accountId, 'first');
    await expect.poll(() => texts(laptop)).toEqual(['first']);
    const before = await alice.crypto.safetyNumber(addr(laptop));
    expect(before?.digits).toMatch(/^\d{60}$/);
    expect((await laptop.crypto.safetyNumber(addr(alice)))?.digits).toBe(before?.digits);
    expect(before?.digits).not.toBe((await alice.crypto.safetyNumber(addr(bob)))?.digits);
    expect(changes).toEqual([]);

    // The laptop is unlinked and linked again: same device id, a new identity key.
    await laptop.stop();
    await bob.rest.unlinkDevice(laptop.credentials.deviceId);
    const newLaptop = await world.companion(bob);
    await alice.messenger.sendText(bob.credentials.accountId, 'second');
    await expect.poll(() => texts(newLaptop)).toEqual(['second']);

    expect(changes).toEqual([addr(newLaptop)]);
    const after = await alice.crypto.safetyNumber(addr(newLaptop));
    expect(after?.digits).not.toBe(before?.digits);
    expect((await newLaptop.crypto.safetyNumber(addr(alice)))?.digits).toBe(after?.digits);
  });

  it('has no safety number for a device it never exchanged keys with', async () => {
    const alice = await world.device();
    const bob = await world.device();
    expect(await alice.crypto.safetyNumber(addr(bob))).toBeUndefined();
  });
});
