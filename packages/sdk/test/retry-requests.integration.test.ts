import { addr, texts } from '@switchboard/testkit/devices/sdk-device';
import { sdkWorld } from '@switchboard/testkit/devices/sdk-world';
import { describe, expect, it } from 'vitest';

describe('SDK decryption-failure retry requests (real API, Postgres, Redis)', { timeout: 60_000 }, () => {
  const world = sdkWorld();

  it('a device that cannot decrypt asks, the sender encrypts again, the message is shown once under its id', async () => {
    const alice = await world.device();
    const bob = await world.device();
    const laptop = await world.companion(bob);
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
