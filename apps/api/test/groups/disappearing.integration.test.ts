import { PrismaService } from '@switchboard/platform';
import {
  accountOf,
  type GroupDevice,
  groupCompanion,
  groupDevice,
  groupTexts,
} from '@switchboard/testkit/devices/group-device';
import { sdkWorld } from '@switchboard/testkit/devices/sdk-world';
import { describe, expect, it } from 'vitest';

// A group's disappearing timer: the 1:1 machinery (packages/sdk/src/ephemeral) with the group id as the chat, and the
// GroupSend frame's expiresInS on the server. Short timers (1–2 s): expect.poll waits for them, nothing sleeps.
const poll = <T>(fn: () => T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 50 });

describe('disappearing group messages (real API, Postgres, Redis, SDK devices)', { timeout: 60_000 }, () => {
  const world = sdkWorld();
  const device = async (made: Promise<GroupDevice>) => (await world.track(made)) as GroupDevice;

  it('a timer message every member device sees sets the group timer; messages then disappear from every device', async () => {
    const alice = await device(groupDevice(world.api));
    const bob = await device(groupDevice(world.api));
    const laptop = await device(groupCompanion(world.api, alice));
    const group = await alice.groups.client.create({ subject: 'Timed', members: [accountOf(bob)] });

    await alice.groups.setDisappearingTimer(group.id, 2);
    for (const d of [bob, laptop])
      await poll(() => d.groupInbox.map((m) => ({ timerChange: m.timerChange, text: m.text }))).toEqual([
        { timerChange: 2, text: '' },
      ]);
    for (const d of [alice, bob, laptop]) expect(d.groups.disappearingTimer(group.id)).toBe(2);
    expect(bob.messenger.disappearingTimer(accountOf(alice))).toBe(0); // the 1:1 chat keeps its own timer

    const sent = await bob.groups.sendText(group.id, 'gone soon'); // any member's messages carry the timer
    for (const d of [alice, laptop]) {
      await poll(() => groupTexts(d, group.id).at(-1)).toBe('gone soon');
      expect(d.groupInbox.at(-1)).toMatchObject({ messageId: sent.id, expiresAt: sent.serverTimestamp + 2_000 });
    }

    const expired = (d: GroupDevice) => d.expired.filter((e) => e.messageId === sent.id);
    for (const d of [alice, bob, laptop])
      await poll(() => expired(d), 10_000).toEqual([
        { chat: group.id, from: accountOf(bob), messageId: sent.id, expiresAt: sent.serverTimestamp + 2_000 },
      ]);
    for (const d of [alice, bob, laptop])
      expect(d.storage.keys('ephemeral:due:')).toEqual(
        expect.not.arrayContaining([expect.stringContaining(`${sent.id}`)]),
      );

    await bob.groups.setDisappearingTimer(group.id, 0); // any member turns it off again
    for (const d of [alice, laptop]) await poll(() => d.groups.disappearingTimer(group.id)).toBe(0);
    expect(alice.groupInbox.at(-1)?.timerChange).toBe(0);
    await alice.groups.sendText(group.id, 'stays');
    await poll(() => groupTexts(bob, group.id).at(-1)).toBe('stays');
    expect(bob.groupInbox.at(-1)?.expiresAt).toBeUndefined();
  });

  it('the server removes a due group message though a member never came online; the timer message stays', async () => {
    const alice = await device(groupDevice(world.api));
    const carol = await device(groupDevice(world.api, undefined, { connect: false }));
    const group = await alice.groups.client.create({ subject: 'Offline', members: [accountOf(carol)] });
    await alice.groups.setDisappearingTimer(group.id, 1);
    const sent = await alice.groups.sendText(group.id, 'never read');
    const prisma = world.api.app.get(PrismaService).client;
    const where = { senderAccountId: accountOf(alice), clientMessageId: BigInt.asIntN(64, sent.id) };
    const row = await prisma.mailboxMessage.findFirstOrThrow({ where });
    expect(Number(row.expiresAt)).toBe(sent.serverTimestamp + 1_000);

    // The mailboxExpiry loop (every 5 s, on one node) deletes the shared body with carol's envelope.
    await poll(() => prisma.mailboxMessage.count({ where })).toBe(0);
    await poll(() => alice.expired.map((e) => e.messageId), 10_000).toEqual([sent.id]);
    await carol.connection.start();
    await poll(() => carol.groupInbox.map((m) => m.timerChange)).toEqual([1]);
    await alice.groups.sendText(group.id, 'in time');
    await poll(() => groupTexts(carol, group.id)).toEqual(['', 'in time']); // 'never read' is gone
  });
});
