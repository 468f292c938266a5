import { type SendResult, SendTimeoutError } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { startCoreApi } from '@switchboard/testkit/core';
import { type SdkDevice, sdkDevice, texts } from '@switchboard/testkit/devices/sdk-device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('SDK: every send settles (real API, Postgres, Redis)', { timeout: 60_000 }, () => {
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

  it('a send made offline waits for the connection and gets its ✓', async () => {
    const alice = await track(sdkDevice(api, undefined, { connect: false }));
    const bob = await track(sdkDevice(api));
    const sent = alice.messenger.sendText(bob.credentials.accountId, 'queued offline', { timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 300));
    await alice.connection.start();
    expect((await sent).serverTimestamp).toBeGreaterThan(0);
    await expect.poll(() => texts(bob)).toEqual(['queued offline']);
  });

  it('gives up at the timeout the app chose, and the message is not sent later', async () => {
    const alice = await track(sdkDevice(api, undefined, { connect: false }));
    const bob = await track(sdkDevice(api));
    const started = Date.now();
    const error = await alice.messenger.sendText(bob.credentials.accountId, 'too late', { timeoutMs: 500 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(SendTimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(alice.messenger.unconfirmed).toBe(0);

    await alice.connection.start();
    await alice.messenger.sendText(bob.credentials.accountId, 'on time');
    await expect.poll(() => texts(bob)).toEqual(['on time']);
  });

  it('a send restored after a restart reports its ✓', async () => {
    const alice = await track(sdkDevice(api));
    const bob = await track(sdkDevice(api));
    await alice.connection.close();
    const lost = alice.messenger.sendText(bob.credentials.accountId, 'left in the outbox');
    void lost.catch(() => undefined); // that run is gone; the restarted one settles it
    await expect.poll(() => alice.messenger.unconfirmed).toBe(1);

    alice.sendResults.length = 0;
    await alice.reconnect(); // a new Messenger over the same storage, restore(), connect
    await expect.poll(() => alice.sendResults).toMatchObject([{ ok: true }]);
    const [restored] = alice.sendResults as Extract<SendResult, { ok: true }>[];
    expect(restored!.serverTimestamp).toBeGreaterThan(0);
    await expect.poll(() => texts(bob)).toEqual(['left in the outbox']);
  });
});

describe('SDK: a rate-limited send (429) is sent again by itself', { timeout: 60_000 }, () => {
  let api: RunningApi;
  const devices: SdkDevice[] = [];
  beforeAll(async () => {
    // A connection may store 2 frames at once, then 2 a second: six sends at once get three or four 429s.
    api = await startCoreApi({ GATEWAY_SEND_BURST: '2', GATEWAY_SENDS_PER_SECOND: '2' });
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await api.close();
  });

  it('after the wait, with jitter, and every send settles with its ✓', async () => {
    const alice = await sdkDevice(api);
    const peers = await Promise.all(Array.from({ length: 6 }, () => sdkDevice(api)));
    devices.push(alice, ...peers);
    // Sessions first, so the six sends below leave at once (each conversation has its own queue).
    await Promise.all(peers.map((p) => alice.messenger.sendText(p.credentials.accountId, 'hello')));
    await new Promise((r) => setTimeout(r, 1_100)); // the burst back

    const refused: number[] = [];
    alice.connection.onFrame((f) => void (f.t === 'send_error' && refused.push(f.code)));
    const sends = peers.map((p, i) => alice.messenger.sendText(p.credentials.accountId, `burst ${i}`));
    const settled = await Promise.allSettled(sends);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused.every((code) => code === 429)).toBe(true);
    expect(settled.map((s) => s.status)).toEqual(Array(6).fill('fulfilled'));
    for (const [i, p] of peers.entries()) await expect.poll(() => texts(p)).toEqual(['hello', `burst ${i}`]);
  });
});
