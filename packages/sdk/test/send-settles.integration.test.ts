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
