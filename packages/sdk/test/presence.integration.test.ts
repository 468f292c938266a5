import { encodeFrame } from '@switchboard/protocol';
import type { RunningApi } from '@switchboard/testkit/api';
import { startCoreApi } from '@switchboard/testkit/core';
import { type SdkDevice, sdkDevice, texts } from '@switchboard/testkit/devices/sdk-device';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('SDK presence and typing across two nodes (real API nodes, Postgres, Redis)', { timeout: 60_000 }, () => {
  let nodeA: RunningApi;
  let nodeB: RunningApi;
  const devices: SdkDevice[] = [];
  const track = async (d: Promise<SdkDevice>) => {
    const device = await d;
    devices.push(device);
    return device;
  };
  beforeAll(async () => {
    [nodeA, nodeB] = await Promise.all([startCoreApi(), startCoreApi()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await Promise.all([nodeA, nodeB].map((n) => n.close()));
  });

  it('online and last seen reach watchers on another node, as the owner’s settings allow', async () => {
    const alice = await track(sdkDevice(nodeA));
    const bob = await track(sdkDevice(nodeB)); // in Alice's contacts
    const carol = await track(sdkDevice(nodeB)); // a stranger to Alice
    await alice.profiles.syncContacts([bob.number]);
    await alice.profiles.setPrivacy({ online: 'contacts', last_seen: 'contacts' });
    const aliceId = alice.credentials.accountId;

    bob.presence.watch([aliceId]);
    carol.presence.watch([aliceId]);
    await waitFor(() => bob.presenceUpdates.length > 0 && carol.presenceUpdates.length > 0);
    expect(bob.presenceUpdates).toEqual([{ accountId: aliceId, online: true, lastSeen: 0 }]);
    expect(carol.presenceUpdates).toEqual([{ accountId: aliceId, online: false, lastSeen: 0 }]);

    const before = Date.now();
    await alice.stop();
    await waitFor(() => bob.presenceUpdates.length > 1 && carol.presenceUpdates.length > 1);
    const offline = bob.presenceUpdates[1]!;
    expect(offline).toMatchObject({ accountId: aliceId, online: false });
    expect(offline.lastSeen).toBeGreaterThanOrEqual(before - 1000);
    expect(offline.lastSeen).toBeLessThanOrEqual(Date.now());
    // The stranger learns nothing: the change reads as it already did.
    expect(carol.presenceUpdates[1]).toEqual({ accountId: aliceId, online: false, lastSeen: 0 });

    await alice.reconnect();
    await waitFor(() => bob.presenceUpdates.length > 2);
    expect(bob.presenceUpdates[2]).toEqual({ accountId: aliceId, online: true, lastSeen: 0 });
  });

  it('a watch list survives a reconnect of the watcher', async () => {
    const alice = await track(sdkDevice(nodeA));
    const bob = await track(sdkDevice(nodeB));
    await alice.profiles.setPrivacy({ online: 'everyone', last_seen: 'everyone' });
    const aliceId = alice.credentials.accountId;
    bob.presence.watch([aliceId]);
    await waitFor(() => bob.presenceUpdates.length === 1);
    await bob.connection.close();
    await bob.connection.start(); // the same Presence: it subscribes again on open
    await waitFor(() => bob.presenceUpdates.length === 2);
    expect(bob.presenceUpdates[1]).toEqual({ accountId: aliceId, online: true, lastSeen: 0 });
  });

  it('typing reaches every device of a chat peer on any node, never a stranger', async () => {
    const alice = await track(sdkDevice(nodeA));
    const bob = await track(sdkDevice(nodeB));
    const carol = await track(sdkDevice(nodeA));
    const aliceId = alice.credentials.accountId;
    // No chat yet: typing to Bob goes nowhere.
    expect(alice.presence.setTyping(bob.credentials.accountId, 'typing')).toBe(true);
    await alice.messenger.sendText(bob.credentials.accountId, 'hello');
    await waitFor(() => texts(bob).length === 1);
    alice.presence.setTyping(bob.credentials.accountId, 'recording');
    await waitFor(() => bob.typing.length > 0);
    expect(bob.typing).toEqual([{ from: { accountId: aliceId, deviceId: 1 }, state: 'recording' }]);
    alice.presence.setTyping(bob.credentials.accountId, 'stopped');
    await waitFor(() => bob.typing.length > 1);
    expect(bob.typing[1]?.state).toBe('stopped');
    // Carol never chatted with Alice: her typing is dropped (a marker message shows Bob saw nothing before it).
    carol.presence.setTyping(bob.credentials.accountId, 'typing');
    await carol.messenger.sendText(bob.credentials.accountId, 'marker');
    await waitFor(() => texts(bob).includes('marker'));
    expect(bob.typing.filter((t) => t.from.accountId === carol.credentials.accountId)).toEqual([]);
  });

  it('typing past the rate is dropped, and bad presence frames get an error without closing the socket', async () => {
    const alice = await track(sdkDevice(nodeA));
    const bob = await track(sdkDevice(nodeB));
    await alice.messenger.sendText(bob.credentials.accountId, 'hi');
    await waitFor(() => texts(bob).length === 1);
    for (let i = 0; i < 50; i++) alice.presence.setTyping(bob.credentials.accountId, i % 2 ? 'typing' : 'stopped');
    await alice.messenger.sendText(bob.credentials.accountId, 'after the burst');
    await waitFor(() => texts(bob).includes('after the burst'));
    await waitFor(() => bob.typing.length >= 6);
    expect(bob.typing.length).toBeLessThan(20); // a burst of 6, then 2 a second

    const errors: number[] = [];
    alice.connection.onFrame((f) => void (f.t === 'error' && errors.push(f.code)));
    const frame = encodeFrame({ t: 'presence_subscribe', accountIds: [bob.credentials.accountId] });
    const raw = (alice.connection as unknown as { socket: { send(b: Uint8Array): void } }).socket;
    raw.send(frame.subarray(0, frame.length - 3)); // truncated
    for (let i = 0; i < 8; i++) alice.presence.watch([bob.credentials.accountId]);
    await waitFor(() => errors.includes(400) && errors.includes(429));
    await alice.messenger.sendText(bob.credentials.accountId, 'still connected');
    await waitFor(() => texts(bob).includes('still connected'));
  });
});
