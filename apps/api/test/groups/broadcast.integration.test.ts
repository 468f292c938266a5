import { BroadcastLists, SendRefusedError } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { startCoreApi } from '@switchboard/testkit/core';
import { type SdkDevice, sdkDevice } from '@switchboard/testkit/devices/sdk-device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const poll = <T>(fn: () => T) => expect.poll(fn, { timeout: 20_000, interval: 25 });
const NEW_CHATS_PER_DAY = 2;

describe('broadcast lists: one sender, each recipient a 1:1 message (real API, SDK devices)', {
  timeout: 60_000,
}, () => {
  let api: RunningApi;
  const devices: SdkDevice[] = [];
  const device = async () => {
    const d = await sdkDevice(api);
    devices.push(d);
    return d;
  };
  const account = (d: SdkDevice) => d.credentials.accountId;
  const from = (d: SdkDevice, sender: SdkDevice) =>
    d.inbox.filter((m) => m.from.accountId === account(sender)).map((m) => m.text);

  beforeAll(async () => {
    api = await startCoreApi({ CONSUMER_NEW_CHATS_PER_DAY: String(NEW_CHATS_PER_DAY) });
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await api.close();
  });

  it('each recipient gets an ordinary 1:1 message; the new-chat limit applies per recipient; replies are private', async () => {
    const alice = await device();
    const [bob, carol, dave, erin] = [await device(), await device(), await device(), await device()];
    // Bob wrote to alice first: a broadcast to him starts no chat. The other three would each start one.
    await bob.messenger.sendText(account(alice), 'hello alice');
    await poll(() => from(alice, bob)).toEqual(['hello alice']);

    const lists = new BroadcastLists(alice.storage, alice.messenger);
    const list = lists.create('Family', [bob, carol, dave, erin].map(account));
    const outcomes = await lists.sendText(list.id, 'dinner at 8');

    expect(outcomes.map((o) => o.accountId)).toEqual([bob, carol, dave, erin].map(account));
    expect(outcomes[0]!.sent).toBeDefined();
    const refused = outcomes.filter((o) => o.error);
    expect(refused).toHaveLength(1); // alice may start 2 chats a day; which of the three comes last is a race
    expect(refused[0]!.error).toBeInstanceOf(SendRefusedError);
    expect(refused[0]!.error).toMatchObject({ code: 429 });
    const reached = [bob, carol, dave, erin].filter((d) => !refused.some((o) => o.accountId === account(d)));
    for (const d of reached) await poll(() => from(d, alice)).toEqual(['dinner at 8']);
    // Each its own message: a different id per recipient, as the sender's ✓s said.
    const ids = reached.map((d) => d.inbox.find((m) => m.text === 'dinner at 8')!.messageId);
    expect(new Set(ids).size).toBe(reached.length);
    expect(ids.sort()).toEqual(outcomes.flatMap((o) => (o.sent ? [o.sent.id] : [])).sort());
    const left = [bob, carol, dave, erin].find((d) => !reached.includes(d))!;
    expect(left.inbox).toEqual([]);

    // A reply is a 1:1 message to alice alone: the other recipients never see it.
    await bob.messenger.sendText(account(alice), 'see you');
    await poll(() => from(alice, bob)).toEqual(['hello alice', 'see you']);
    for (const d of reached.filter((d) => d !== bob)) expect(d.inbox.map((m) => m.text)).toEqual(['dinner at 8']);
  });

  it('lists are kept on the device: they survive a restart, and bad lists are refused', async () => {
    const alice = await device();
    const bob = await device();
    const lists = new BroadcastLists(alice.storage, alice.messenger);
    const list = lists.create('  Team  ', [account(bob), account(bob).toUpperCase()]);
    expect(list).toMatchObject({ name: 'Team', recipients: [account(bob)] });

    await alice.reconnect(); // a new Messenger over the same storage: the app restarted
    const again = new BroadcastLists(alice.storage, alice.messenger);
    expect(again.all()).toEqual([list]);
    expect(again.update(list.id, { name: 'Crew' })).toMatchObject({ name: 'Crew', recipients: [account(bob)] });
    const [outcome] = await again.sendText(list.id, 'after restart');
    expect(outcome!.sent).toBeDefined();
    await poll(() => from(bob, alice)).toEqual(['after restart']);

    expect(() => again.create('Me', [account(alice)])).toThrow(RangeError);
    expect(() => again.create('None', [])).toThrow(RangeError);
    expect(() => again.create('Junk', ['not-an-account'])).toThrow(RangeError);
    expect(() => again.create('', [account(bob)])).toThrow(RangeError);
    expect(() =>
      again.create(
        'Many',
        Array.from({ length: 257 }, () => crypto.randomUUID()),
      ),
    ).toThrow(RangeError);
    again.remove(list.id);
    expect(again.all()).toEqual([]);
    await expect(again.sendText(list.id, 'gone')).rejects.toThrow(RangeError);
  });
});
