import type { CloseInfo } from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { startCoreApi } from '@switchboard/testkit/core';
import { type SdkDevice, sdkDevice, texts } from '@switchboard/testkit/devices/sdk-device';
import { startTcpProxy, type TcpProxy } from '@switchboard/testkit/net/tcp-proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('SDK connection: silent links and failover between nodes (real API, Postgres, Redis)', () => {
  let nodeA: RunningApi;
  let nodeB: RunningApi;
  let nodeAUp = true;
  const proxies: TcpProxy[] = [];
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
    await Promise.all(proxies.map((p) => p.close()));
    await Promise.all([...(nodeAUp ? [nodeA] : []), nodeB].map((n) => n.close()));
  });

  it('notices a link gone silent (no FIN, no RST) within 10 s and moves to the next server', {
    timeout: 30_000,
  }, async () => {
    const proxy = await startTcpProxy(nodeA.url);
    proxies.push(proxy);
    const alice = await track(sdkDevice(nodeA, undefined, { servers: [proxy.url, nodeB.url] }));
    const bob = await track(sdkDevice(nodeB));
    const closes: CloseInfo[] = [];
    alice.connection.onClose((c) => closes.push(c));
    await alice.messenger.sendText(bob.credentials.accountId, 'through the proxy');

    proxy.silence();
    const silentAt = Date.now();
    await expect.poll(() => closes.length, { timeout: 15_000, interval: 50 }).toBe(1);
    const noticedMs = Date.now() - silentAt;
    console.log(`silent link noticed after ${noticedMs} ms`);
    expect(noticedMs).toBeLessThanOrEqual(10_000);
    expect(closes[0]!.willReconnect).toBe(true);
    await alice.connection.waitOpen();
    expect(alice.connection.url).toBe(nodeB.url);

    await alice.messenger.sendText(bob.credentials.accountId, 'through node B');
    await bob.messenger.sendText(alice.credentials.accountId, 'to you on node B');
    await expect.poll(() => texts(bob)).toEqual(['through the proxy', 'through node B']);
    await expect.poll(() => texts(alice)).toEqual(['to you on node B']);
  });

  it('sends pending when a node goes away all settle with ✓ through the other, each stored once, in order', {
    timeout: 60_000,
  }, async () => {
    const alice = await track(sdkDevice(nodeA, undefined, { servers: [nodeA.url, nodeB.url] }));
    const bob = await track(sdkDevice(nodeB));
    await alice.messenger.sendText(bob.credentials.accountId, 'session up');
    const many = Array.from({ length: 40 }, (_, i) => `m${i}`);
    const sends = many.map((t) => alice.messenger.sendText(bob.credentials.accountId, t));
    await sends[2];
    nodeAUp = false;
    await nodeA.close(); // the node dies with sends in flight and waiting

    const settled = await Promise.allSettled(sends);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(many.length);
    expect(alice.connection.url).toBe(nodeB.url);
    await expect.poll(() => texts(bob)).toEqual(['session up', ...many]);
  });
});
