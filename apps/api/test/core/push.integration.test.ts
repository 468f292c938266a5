import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PushRepository } from '@switchboard/core/push/push.repository';
import { generateVapidKeys } from '@switchboard/devtools/vapid';
import { failure } from '@switchboard/testkit/core';
import { type SdkDevice, sdkDevice, texts } from '@switchboard/testkit/devices/sdk-device';
import { LocalApns, LocalFcm } from '@switchboard/testkit/push/token-push-services';
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
  let fcm: LocalFcm;
  let apns: LocalApns;
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
    [fcm, apns] = await Promise.all([new LocalFcm().start(), new LocalApns().start()]);
    const keys = mkdtempSync(join(tmpdir(), 'push-keys-'));
    writeFileSync(join(keys, 'fcm.json'), JSON.stringify(fcm.serviceAccount()));
    writeFileSync(join(keys, 'apns.p8'), apns.privateKey);
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
        FCM_CREDENTIALS_FILE: join(keys, 'fcm.json'),
        FCM_API_URL: fcm.url,
        APNS_KEY_FILE: join(keys, 'apns.p8'),
        APNS_KEY_ID: apns.keyId,
        APNS_TEAM_ID: apns.teamId,
        APNS_TOPIC: 'org.switchboard.chat',
        APNS_URL: apns.url,
      },
    });
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await stack?.close();
    await Promise.all([receiver?.close(), elsewhere?.close(), fcm?.close(), apns?.close()]);
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

  it('a Redis flush loses no message and no later wake-up', async () => {
    const alice = await device();
    const gina = await device({ connect: false });
    await gina.rest.registerPush({ provider: 'webpush', endpoint: receiver.endpoint('gina') });
    await alice.messenger.sendText(gina.credentials.accountId, 'before the flush');
    await expect.poll(() => receiver.to('gina').length, { timeout: 10_000 }).toBe(1);
    await stack.flushRedis(); // queues, the coalescing window, routes: all gone
    await alice.messenger.sendText(gina.credentials.accountId, 'after the flush');
    await expect.poll(() => receiver.to('gina').length, { timeout: 10_000 }).toBe(2);
    await gina.connection.start();
    await expect.poll(() => texts(gina)).toEqual(['before the flush', 'after the flush']);
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

  it('wakes FCM and APNs devices through their services (local stand-ins), and drops tokens they call gone', async () => {
    const alice = await device();
    const [android, iphone, oldAndroid, oldIphone] = (await Promise.all(
      Array.from({ length: 4 }, () => device({ connect: false })),
    )) as [SdkDevice, SdkDevice, SdkDevice, SdkDevice];
    const tokens = { android: `fcm-${'a'.repeat(60)}`, iphone: 'b'.repeat(64) };
    await android.rest.registerPush({ provider: 'fcm', token: tokens.android });
    await iphone.rest.registerPush({ provider: 'apns', token: tokens.iphone });
    await oldAndroid.rest.registerPush({ provider: 'fcm', token: `gone-${'c'.repeat(60)}` });
    await oldIphone.rest.registerPush({ provider: 'apns', token: `gone${'d'.repeat(60)}` });
    for (const to of [android, iphone, oldAndroid, oldIphone]) {
      await alice.messenger.sendText(to.credentials.accountId, 'wake up');
    }

    await expect.poll(() => fcm.pushes.filter((p) => p.token === tokens.android).length, { timeout: 10_000 }).toBe(1);
    const viaFcm = fcm.pushes.find((p) => p.token === tokens.android)!;
    expect(viaFcm.body).toMatchObject({ data: { wake: '1' }, android: { priority: 'HIGH', ttl: '86400s' } });
    expect(fcm.tokenExchanges).toBe(1); // one access token for every push
    await expect.poll(() => apns.pushes.filter((p) => p.token === tokens.iphone).length, { timeout: 10_000 }).toBe(1);
    const viaApns = apns.pushes.find((p) => p.token === tokens.iphone)!;
    expect(viaApns.headers).toMatchObject({
      'apns-topic': 'org.switchboard.chat',
      'apns-push-type': 'background',
      'apns-priority': '5',
    });
    expect(viaApns.body).toEqual({ aps: { 'content-available': 1 } });
    for (const p of [viaFcm, viaApns]) expect(JSON.stringify(p)).not.toContain(alice.credentials.accountId);

    await expect.poll(() => subscription(oldAndroid), { timeout: 10_000 }).toBeNull();
    await expect.poll(() => subscription(oldIphone), { timeout: 10_000 }).toBeNull();
    expect(await subscription(android)).not.toBeNull();
  });
});
