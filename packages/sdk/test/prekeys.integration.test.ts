import type { ServerFrame } from '@switchboard/protocol';
import type { RunningApi } from '@switchboard/testkit/api';
import { newAccount, startCoreApi } from '@switchboard/testkit/core';
import { type SdkDevice, sdkDevice } from '@switchboard/testkit/devices/sdk-device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('SDK: one-time prekeys replenished by themselves (two API nodes, Postgres, Redis)', {
  timeout: 60_000,
}, () => {
  let nodeA: RunningApi;
  let nodeB: RunningApi;
  const devices: SdkDevice[] = [];
  // sdkDevice publishes 5 one-time keys of each kind: two fetches leave 3, under the threshold.
  const env = { PREKEY_LOW_THRESHOLD: '4' };
  beforeAll(async () => {
    [nodeA, nodeB] = await Promise.all([startCoreApi(env), startCoreApi(env)]);
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await Promise.all([nodeA.close(), nodeB.close()]);
  });

  /** An SDK device on `node` that records the PreKeysLow frames it is sent. */
  async function device(node: RunningApi, options: { connect?: boolean } = {}) {
    const notices: Extract<ServerFrame, { t: 'prekeys_low' }>[] = [];
    const d = await sdkDevice(node, undefined, {
      ...options,
      extend: (dev) => dev.connection.onFrame((f) => void (f.t === 'prekeys_low' && notices.push(f))),
    });
    devices.push(d);
    return { d, notices };
  }

  it('a fetch on another node leaves a device low: it is told at once and uploads a new batch', async () => {
    const { d: alice, notices } = await device(nodeA);
    const stranger = await newAccount(nodeB);
    await stranger.rest.fetchBundles(alice.credentials.accountId, 1);
    expect(notices).toEqual([]);
    await stranger.rest.fetchBundles(alice.credentials.accountId, 1);
    await expect.poll(() => notices).toEqual([{ t: 'prekeys_low', preKeys: 3, kyberPreKeys: 3 }]);
    await expect.poll(async () => (await alice.rest.keyCounts()).low).toBe(false);
    expect((await alice.rest.keyCounts()).pre_keys).toBeGreaterThan(3);
  });

  it('a device offline when it ran low is told when it connects, and only until it has uploaded', async () => {
    const { d: bob, notices } = await device(nodeA, { connect: false });
    const stranger = await newAccount(nodeB);
    for (let i = 0; i < 2; i++) await stranger.rest.fetchBundles(bob.credentials.accountId, 1);
    expect((await bob.rest.keyCounts()).low).toBe(true);

    await bob.connection.start();
    await expect.poll(() => notices).toEqual([{ t: 'prekeys_low', preKeys: 3, kyberPreKeys: 3 }]);
    await expect.poll(async () => (await bob.rest.keyCounts()).low).toBe(false);

    // Replenished: the next connect says nothing.
    await bob.reconnect();
    await bob.messenger.sendText(devices[0]!.credentials.accountId, 'after reconnect'); // a round trip on the new socket
    expect(notices).toHaveLength(1);
  });
});
