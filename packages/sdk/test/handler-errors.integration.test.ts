import { Connection, Messenger } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { startCoreApi } from '@switchboard/testkit/core';
import { type SdkDevice, sdkDevice, texts } from '@switchboard/testkit/devices/sdk-device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('SDK: a message handler that throws loses nothing (real API, Postgres, Redis)', { timeout: 60_000 }, () => {
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

  it('keeps the message pending and hands it over again after the connection comes back', async () => {
    const alice = await track(sdkDevice(api));
    const bob = await track(sdkDevice(api));
    let failed = false;
    const handled: string[] = [];
    bob.messenger.onMessage((m) => {
      if (!failed) {
        failed = true;
        throw new Error('the app could not store it');
      }
      handled.push(m.text);
    });

    await alice.messenger.sendText(bob.credentials.accountId, 'try again');
    await expect.poll(() => failed).toBe(true);
    expect(bob.messenger.unhandled).toBe(1);
    (bob.connection as unknown as { socket: { terminate(): void } }).socket.terminate();
    await expect.poll(() => handled).toEqual(['try again']);
    expect(bob.messenger.unhandled).toBe(0);
    expect(texts(bob)).toEqual(['try again', 'try again']); // the recording handler ran at both attempts
  });

  it('hands it to the restarted app, though the server had its acknowledgement', async () => {
    const alice = await track(sdkDevice(api));
    const bob = await track(sdkDevice(api, undefined, { connect: false }));
    // The app's first run, over bob's storage: its handler fails.
    const connection = new Connection({ baseUrl: api.url, credentials: bob.credentials, minBackoffMs: 20 });
    const firstRun = new Messenger(connection, bob.crypto, bob.storage);
    let failures = 0;
    firstRun.onMessage(() => {
      failures++;
      throw new Error('the app crashed while showing it');
    });
    await connection.start();
    await alice.messenger.sendText(bob.credentials.accountId, 'keep me');
    await expect.poll(() => failures).toBe(1);
    await expect.poll(() => alice.receipts.map((r) => r.kind)).toEqual(['delivered']); // the server let it go
    await connection.close();

    bob.messenger.restore();
    await bob.connection.start();
    await expect.poll(() => texts(bob)).toEqual(['keep me']);
    expect(bob.messenger.unhandled).toBe(0);
  });
});
