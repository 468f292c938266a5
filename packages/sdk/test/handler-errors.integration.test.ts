import { Connection, Messenger } from '@switchboard/sdk';
import { texts } from '@switchboard/testkit/devices/sdk-device';
import { sdkWorld } from '@switchboard/testkit/devices/sdk-world';
import { describe, expect, it } from 'vitest';

describe('SDK: a message handler that throws loses nothing (real API, Postgres, Redis)', { timeout: 60_000 }, () => {
  const world = sdkWorld();

  it('keeps the message pending and hands it over again after the connection comes back', async () => {
    const alice = await world.device();
    const bob = await world.device();
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
    const alice = await world.device();
    const bob = await world.device(undefined, { connect: false });
    // The app's first run, over bob's storage: its handler fails.
    const connection = new Connection({ baseUrl: world.api.url, credentials: bob.credentials, minBackoffMs: 20 });
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
