import { addr, texts } from '@switchboard/testkit/devices/sdk-device';
import { sdkWorld } from '@switchboard/testkit/devices/sdk-world';
import { describe, expect, it } from 'vitest';

// What devices see; what the server keeps is in apps/api/test/core/disappearing.integration.test.ts. Short timers (1–2 s): expect.poll waits for them, nothing sleeps.
describe('SDK disappearing messages and view once (real API, Postgres, Redis)', { timeout: 60_000 }, () => {
  const world = sdkWorld();

  it('a timer message both sides see sets the chat timer; every message then disappears from every device', async () => {
    const alice = await world.device();
    const bob = await world.device();
    const laptop = await world.companion(alice);
    await alice.messenger.setDisappearingTimer(bob.credentials.accountId, 2);
    for (const d of [bob, laptop]) await expect.poll(() => d.inbox.map((m) => m.timerChange)).toEqual([2]);
    expect(bob.messenger.disappearingTimer(alice.credentials.accountId)).toBe(2);
    expect(laptop.messenger.disappearingTimer(bob.credentials.accountId)).toBe(2); // alice's other device follows

    const sent = await alice.messenger.sendText(bob.credentials.accountId, 'gone soon');
    await expect.poll(() => texts(bob)).toEqual(['', 'gone soon']);
    expect(bob.inbox[1]?.expiresAt).toBe(sent.serverTimestamp + 2_000);
    await bob.messenger.sendText(alice.credentials.accountId, 'me too'); // bob's side of the chat has the timer
    await expect.poll(() => texts(alice)).toEqual(['me too']);
    expect(alice.inbox[0]?.expiresAt).toBeGreaterThan(0);

    const expired = (d: typeof alice) => d.expired.map((e) => e.messageId);
    await expect.poll(() => expired(bob), { timeout: 10_000 }).toEqual(expect.arrayContaining([sent.id]));
    await expect.poll(() => expired(alice), { timeout: 10_000 }).toEqual(expect.arrayContaining([sent.id]));
    await expect.poll(() => expired(laptop), { timeout: 10_000 }).toEqual(expect.arrayContaining([sent.id]));
    expect(bob.expired.find((e) => e.messageId === sent.id)).toMatchObject({
      chat: alice.credentials.accountId,
      from: alice.credentials.accountId,
    });
    expect(bob.storage.keys('ephemeral:due:')).toEqual(
      expect.not.arrayContaining([expect.stringContaining(`${sent.id}`)]),
    );

    await alice.messenger.setDisappearingTimer(bob.credentials.accountId, 0); // off again
    await expect.poll(() => bob.messenger.disappearingTimer(alice.credentials.accountId)).toBe(0);
    await alice.messenger.sendText(bob.credentials.accountId, 'stays');
    await expect.poll(() => texts(bob).at(-1)).toBe('stays');
    expect(bob.inbox.at(-1)?.expiresAt).toBeUndefined();
  });

  it('a message that expired before it arrived is never shown; one due while the app was stopped goes at its start', async () => {
    const alice = await world.device();
    const bob = await world.device(undefined, { connect: false });
    await alice.messenger.setDisappearingTimer(bob.credentials.accountId, 1);
    const late = await alice.messenger.sendText(bob.credentials.accountId, 'too late');
    await expect.poll(() => alice.expired.map((e) => e.messageId), { timeout: 10_000 }).toEqual([late.id]);
    await bob.connection.start();
    await expect.poll(() => bob.inbox.map((m) => m.timerChange)).toEqual([1]);
    await alice.messenger.sendText(bob.credentials.accountId, 'in time');
    await expect.poll(() => texts(bob)).toEqual(['', 'in time']); // 'too late' was dropped on arrival

    await bob.stop(); // due while stopped
    await expect.poll(() => Date.now() > (bob.inbox[1]?.expiresAt ?? 0)).toBe(true);
    expect(bob.expired).toEqual([]);
    await bob.reconnect();
    await expect.poll(() => bob.expired.map((e) => e.messageId)).toEqual([bob.inbox[1]?.messageId]);
  });

  it('view once: a placeholder in the message list, the content opened once', async () => {
    const alice = await world.device();
    const bob = await world.device();
    const sent = await alice.messenger.sendContent(
      bob.credentials.accountId,
      { text: 'look once' },
      { viewOnce: true },
    );
    await expect.poll(() => bob.inbox.length).toBe(1);
    expect(bob.inbox[0]).toMatchObject({ messageId: sent.id, text: '', viewOnce: true, from: addr(alice) });
    expect(bob.messenger.openViewOnce(alice.credentials.accountId, sent.id)).toEqual({ text: 'look once' });
    expect(bob.messenger.openViewOnce(alice.credentials.accountId, sent.id)).toBeUndefined();
    for (const k of bob.storage.keys('')) expect(bob.storage.get(k)).not.toContain('look once');
  });
});
