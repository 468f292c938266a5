import { PushRepository } from '@switchboard/core/push/push.repository';
import { generateVapidKeys } from '@switchboard/devtools/vapid';
import { failure } from '@switchboard/testkit/core';
import { type SdkDevice, sdkDevice, texts } from '@switchboard/testkit/devices/sdk-device';
import { WebPushReceiver } from '@switchboard/testkit/push/web-push-receiver';
import { type Stack, startStack } from '@switchboard/testkit/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const vapid = generateVapidKeys();

describe('push: wake-ups for devices that are not connected (API, worker, Postgres, Redis, a Web Push service on loopback)', {
  timeout: 60_000,
}, () => {
  let stack: Stack;
  let receiver: WebPushReceiver;
  let elsewhere: WebPushReceiver; // a private address that is not allow-listed
  const devices: SdkDevice[] = [];
  const device = async (options: { connect?: boolean } = {}) => {
    const d = await sdkDevice(stack.api, undefined, options);
    devices.push(d);
    return d;
  };
  const subscription = (d: SdkDevice) => stack.api.app.get(PushRepository).find(d.credentials);

  beforeAll(async () => {
    receiver = await new WebPushReceiver(vapid.publicKey).start('127.0.0.1');
    elsewhere = await new WebPushReceiver(vapid.publicKey).start('127.0.0.2');
    // Its own database and Redis prefix: its worker must take only these tests' push jobs.
    stack = await startStack({
      label: 'push',
      workers: 1,
      ownDatabase: true,
      env: {
        OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
        OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
        PUSH_VAPID_PUBLIC_KEY: vapid.publicKey,
        PUSH_VAPID_PRIVATE_KEY: vapid.privateKey,
        PUSH_COALESCE_SECONDS: '3',
        OUTBOUND_PRIVATE_NETWORKS: 'deny',
        PUSH_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      },
    });
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await stack?.close();
    await Promise.all([receiver?.close(), elsewhere?.close()]);
  });

  it('a burst to an offline device is one push, with no content and no sender, signed with the VAPID key', async () => {
    const alice = await device();
    const bob = await device({ connect: false });
    await bob.rest.registerPush({ provider: 'webpush', endpoint: receiver.endpoint('bob') });
    expect(await bob.rest.vapidKey()).toEqual({ public_key: vapid.publicKey });

    for (let i = 0; i < 5; i++) await alice.messenger.sendText(bob.credentials.accountId, `m${i}`);
    await expect.poll(() => receiver.to('bob').length, { timeout: 10_000 }).toBe(1);
    const [push] = receiver.to('bob');
    expect(push!.vapidOk).toBe(true);
    expect(push!.body.length).toBe(0);
    expect(push!.headers.ttl).toBe('86400');
    const sent = JSON.stringify(push!.headers);
    expect(sent).not.toContain(alice.credentials.accountId);
    expect(sent).not.toContain(bob.credentials.accountId);

    // Woken, bob connects and gets them all, once each; nothing more is pushed to a connected device.
    await bob.connection.start();
    await expect.poll(() => texts(bob)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    await alice.messenger.sendText(bob.credentials.accountId, 'live');
    await expect.poll(() => texts(bob)).toContain('live');
    await new Promise((r) => setTimeout(r, 300)); // a wrongly queued wake-up would be out by now (it took < 300 ms above)
    expect(receiver.to('bob')).toHaveLength(1);
  });

  it('pushes again after the coalescing window while messages keep coming', async () => {
    const alice = await device();
    const carol = await device({ connect: false });
    await carol.rest.registerPush({ provider: 'webpush', endpoint: receiver.endpoint('carol') });
    await alice.messenger.sendText(carol.credentials.accountId, 'first');
    await expect.poll(() => receiver.to('carol').length, { timeout: 10_000 }).toBe(1);
    await alice.messenger.sendText(carol.credentials.accountId, 'within the window');
    await new Promise((r) => setTimeout(r, 3_200));
    expect(receiver.to('carol')).toHaveLength(1);
    await alice.messenger.sendText(carol.credentials.accountId, 'after it');
    await expect.poll(() => receiver.to('carol').length, { timeout: 10_000 }).toBe(2);
  });

  it('removes a subscription the push service calls gone (410), and a dead service loses no message', async () => {
    const alice = await device();
    const dave = await device({ connect: false });
    const erin = await device({ connect: false });
    await dave.rest.registerPush({ provider: 'webpush', endpoint: receiver.endpoint('dave') });
    await erin.rest.registerPush({ provider: 'webpush', endpoint: receiver.endpoint('erin') });
    receiver.respond = (path) => (path.endsWith('/dave') ? 410 : path.endsWith('/erin') ? 500 : 201);

    await alice.messenger.sendText(dave.credentials.accountId, 'to an expired subscription');
    await alice.messenger.sendText(erin.credentials.accountId, 'while the push service is down');
    await expect.poll(() => subscription(dave), { timeout: 10_000 }).toBeNull();
    // 500 is retried (push.wake: 3 attempts), then given up; the subscription stays.
    await expect.poll(() => receiver.to('erin').length, { timeout: 10_000 }).toBe(3);
    expect(await subscription(erin)).not.toBeNull();

    await Promise.all([dave.connection.start(), erin.connection.start()]);
    await expect.poll(() => texts(dave)).toEqual(['to an expired subscription']);
    await expect.poll(() => texts(erin)).toEqual(['while the push service is down']);
    receiver.respond = () => 201;
  });

  it('refuses endpoints the server must not call, before any connection', async () => {
    const frank = await device({ connect: false });
    const refused = async (endpoint: string, why: RegExp) => {
      const err = await failure(frank.rest.registerPush({ provider: 'webpush', endpoint }));
      expect(err).toMatchObject({ status: 400, code: 100 });
      expect(err.details).toMatch(why);
    };
    await refused(
      elsewhere.endpoint('frank').replace('http:', 'https:'),
      /^endpoint: 127\.0\.0\.2 is a loopback address/,
    );
    await refused('http://10.1.2.3/push/frank', /^endpoint: expected an https URL/);
    await refused('https://10.1.2.3/push/frank', /^endpoint: 10\.1\.2\.3 is a private address/);
    await refused('https://[::ffff:169.254.169.254]/latest', /link-local/);
    await refused('not a url', /^endpoint: /);
    expect(elsewhere.connections).toBe(0);
    expect(await subscription(frank)).toBeNull();

    // A token provider takes a token; the registration replaces the last one, and DELETE removes it.
    await frank.rest.registerPush({ provider: 'fcm', token: 'f'.repeat(64) });
    expect(await subscription(frank)).toMatchObject({ provider: 'fcm', endpoint: 'f'.repeat(64) });
    await frank.rest.unregisterPush();
    expect(await subscription(frank)).toBeNull();
  });
});
