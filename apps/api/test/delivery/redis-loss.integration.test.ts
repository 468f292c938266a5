import { parseConfig } from '@switchboard/config';
import { NodeBus } from '@switchboard/core/messaging/routing/node-bus';
import { createRedis, type Redis } from '@switchboard/redis';
import { type RunningApi, startApi } from '@switchboard/testkit/api';
import { gatewayTest } from '@switchboard/testkit/gateway/gateway-test';
import { is, RawDevice, sendTo, textOf } from '@switchboard/testkit/gateway/raw-device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Redis keeps nothing on disk, so a restart loses every route and whatever was being published. The Redis server is
// shared, so this test does that to this run's keys and to one node's bus connection only.
describe('losing Redis state', () => {
  const t = gatewayTest({ NODE_ID: 'redis-loss-a' });
  const config = parseConfig(process.env);
  const admin: Redis = createRedis(config, 'redis-loss-test', { keyPrefix: '' });
  let nodeB: RunningApi;
  beforeAll(async () => {
    nodeB = await startApi({ NODE_ID: 'redis-loss-b' });
  });
  afterAll(async () => {
    await nodeB.close();
    admin.disconnect();
  });

  it('loses no message: pushes that found no route arrive once the node is back on the bus', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!, { autoAck: true });
    const b = await RawDevice.connect(nodeB.url.replace('http', 'ws'), bob.devices[0]!, { autoAck: true });
    t.open.push(b);
    await Promise.all([a.next(is('queue_empty')), b.next(is('queue_empty'))]);

    const ours = () => admin.keys(`${config.redis.prefix}route:*`);
    await admin.del(...(await ours())); // the "restart": no node knows where anyone is
    const lost = sendTo(alice.devices[0]!, bob, alice, 'pushed-into-the-void');
    expect(await a.request(lost)).toMatchObject({ t: 'send_ok' }); // ✓ never depended on Redis
    await new Promise((r) => setTimeout(r, 300));
    expect(b.deliveries()).toHaveLength(0); // node A found no route for Bob
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(1); // but it is in Postgres

    // Both nodes' bus connections drop, as in a restart; back, each restores its routes and re-reads backlogs.
    for (const app of [t.api.app, nodeB.app]) {
      const sub = (app.get(NodeBus) as unknown as { subscriber: Redis }).subscriber;
      const port = (sub as unknown as { stream: { localPort: number } }).stream.localPort;
      await admin.client('KILL', 'ADDR', `127.0.0.1:${port}`);
    }
    expect(textOf((await b.next(is('deliver'), 15_000)).ciphertext)).toBe('pushed-into-the-void>1');
    await expect.poll(async () => (await ours()).length, { timeout: 15_000 }).toBe(2);

    const next = sendTo(alice.devices[0]!, bob, alice, 'after');
    await a.request(next);
    expect(textOf((await b.next(is('deliver'), 15_000)).ciphertext)).toBe('after>1');
    await expect.poll(() => a.receipts().flatMap((r) => r.messageIds).length, { timeout: 15_000 }).toBe(2);
    expect(b.deliveries()).toHaveLength(2);
  });
});
