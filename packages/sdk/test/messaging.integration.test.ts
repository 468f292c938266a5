import { addr, texts } from '@switchboard/testkit/devices/sdk-device';
import { sdkWorld } from '@switchboard/testkit/devices/sdk-world';
import { describe, expect, it } from 'vitest';

describe('SDK messaging end to end (real sockets, libsignal, Postgres, Redis)', { timeout: 60_000 }, () => {
  const world = sdkWorld();

  it('1:1 with the recipient offline, then online: decrypts, ✓ ✓✓ and blue ticks', async () => {
    const alice = await world.device();
    const bob = await world.device(undefined, { connect: false });
    const sent = await alice.messenger.sendText(bob.credentials.accountId, 'hello while you were away');
    expect(sent.serverTimestamp).toBeGreaterThan(0); // ✓

    await bob.connection.start();
    await expect.poll(() => texts(bob)).toEqual(['hello while you were away']);
    expect(bob.inbox[0]).toMatchObject({
      from: addr(alice),
      messageId: sent.id,
      serverTimestamp: sent.serverTimestamp,
    });
    await expect.poll(() => alice.receipts.map((r) => r.kind)).toEqual(['delivered']); // ✓✓
    expect(alice.receipts[0]!.messageIds).toEqual([sent.id]);

    await bob.messenger.markRead(alice.credentials.accountId, [sent.id], sent.serverTimestamp);
    await expect.poll(() => alice.receipts.map((r) => r.kind)).toEqual(['delivered', 'read']);

    const reply = await bob.messenger.sendText(alice.credentials.accountId, 'back now');
    await expect.poll(() => texts(alice)).toEqual(['back now']);
    expect(alice.inbox[0]!.messageId).toBe(reply.id);
  });

  it('multi-device both ways: learns device lists from 409s, copies go to the sender’s other devices', async () => {
    const alice = await world.device();
    const aliceTablet = await world.companion(alice);
    const bob = await world.device();
    const bobLaptop = await world.companion(bob);

    const hi = await alice.messenger.sendText(bob.credentials.accountId, 'hi both of you');
    for (const d of [bob, bobLaptop]) await expect.poll(() => texts(d)).toEqual(['hi both of you']);
    await expect.poll(() => texts(aliceTablet)).toEqual(['hi both of you']);
    expect(aliceTablet.inbox[0]).toMatchObject({ to: bob.credentials.accountId, messageId: hi.id });

    await bobLaptop.messenger.sendText(alice.credentials.accountId, 'from the laptop');
    for (const d of [alice, aliceTablet]) await expect.poll(() => texts(d)).toContain('from the laptop');
    await expect.poll(() => texts(bob)).toContain('from the laptop');
    expect(bob.inbox.at(-1)).toMatchObject({ to: alice.credentials.accountId, from: addr(bobLaptop) });
    // Each of Alice's devices sees ✓✓ from both of Bob's for the first message.
    for (const d of [alice, aliceTablet]) {
      await expect
        .poll(() => d.receipts.filter((r) => r.kind === 'delivered' && r.messageIds.includes(hi.id)).length)
        .toBe(2);
    }
  });

  it('a re-linked companion (stale registration id) gets the next message after a 410 and a new session', async () => {
    const alice = await world.device();
    const bob = await world.device();
    const laptop = await world.companion(bob);
    await alice.messenger.sendText(bob.credentials.accountId, 'first');
    await expect.poll(() => texts(laptop)).toEqual(['first']);

    // The laptop is unlinked and a new one linked: it takes device id 2 again, with new keys.
    await laptop.stop();
    await bob.rest.unlinkDevice(laptop.credentials.deviceId);
    const newLaptop = await world.companion(bob);
    expect(newLaptop.credentials.deviceId).toBe(laptop.credentials.deviceId);

    await alice.messenger.sendText(bob.credentials.accountId, 'second');
    await expect.poll(() => texts(newLaptop)).toEqual(['second']);
    await expect.poll(() => texts(bob)).toEqual(['first', 'second']);
  });

  it('shows a redelivered message once: a connection that drops before its ack gets it again, silently', async () => {
    const alice = await world.device();
    const bob = await world.device();
    let dropped = false;
    bob.messenger.onMessage(() => {
      // Kill the socket while the message is being handled, so its ack never leaves.
      if (!dropped) (bob.connection as unknown as { socket: { terminate(): void } }).socket.terminate();
      dropped = true;
    });
    await alice.messenger.sendText(bob.credentials.accountId, 'only once');
    await expect.poll(() => alice.receipts.length, { timeout: 15_000 }).toBe(1); // acked after the reconnect
    expect(texts(bob)).toEqual(['only once']);
  });

  it('resends an unconfirmed message after the app restarts, and it is stored once', async () => {
    const alice = await world.device();
    const bob = await world.device();
    // Offline: the send waits in the outbox.
    await alice.connection.close();
    const pending = alice.messenger.sendText(bob.credentials.accountId, 'sent while offline');
    await new Promise((r) => setTimeout(r, 200));
    expect(alice.messenger.unconfirmed).toBe(1);
    void pending.catch(() => undefined); // that instance is gone; the restarted one resends from storage
    await alice.reconnect();
    await expect.poll(() => texts(bob)).toEqual(['sent while offline']);
    await expect.poll(() => alice.messenger.unconfirmed).toBe(0);
  });
});
