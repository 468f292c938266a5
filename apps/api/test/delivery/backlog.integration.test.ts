import { gatewayTest } from '@switchboard/testkit/gateway/gateway-test';
import { is, RawDevice, sendTo, textOf } from '@switchboard/testkit/gateway/raw-device';
import { describe, expect, it } from 'vitest';

describe('backlog delivery', { timeout: 60_000 }, () => {
  const t = gatewayTest();

  it('a device that drops mid-backlog misses nothing, and what it acked never comes again', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    const total = 1500; // more than one backlog window
    const labels = Array.from({ length: total }, (_, i) => `b${i}`);
    for (const label of labels) a.send(sendTo(alice.devices[0]!, bob, alice, label));
    await expect.poll(() => a.frames.filter((f) => f.t === 'send_ok').length, { timeout: 30_000 }).toBe(total);

    // First connection: ack the first 400 deliveries, then vanish without a goodbye.
    const first = await t.connect(bob.devices[0]!);
    await expect.poll(() => first.deliveries().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(400);
    const acked = first.deliveries().slice(0, 400);
    first.ack(acked.map((d) => d.guid));
    await expect.poll(() => t.fx.waiting(bob.devices[0]!), { timeout: 15_000 }).toBe(total - 400);
    first.terminate();

    // Second connection: exactly the rest, in order, then queue-empty.
    const second = await t.connect(bob.devices[0]!, { autoAck: true });
    await second.next(is('queue_empty'), 30_000);
    const rest = second.deliveries().map((d) => textOf(d.ciphertext));
    expect(rest).toEqual(labels.slice(400).map((l) => `${l}>1`));
    const ackedGuids = new Set(acked.map((d) => d.guid));
    expect(second.deliveries().some((d) => ackedGuids.has(d.guid))).toBe(false);
    const guids = second.deliveries().map((d) => d.guid);
    expect([...guids].sort((x, y) => x - y)).toEqual(guids);
    await expect.poll(() => t.fx.waiting(bob.devices[0]!), { timeout: 15_000 }).toBe(0);
  });

  it('holds back a device that does not ack at a window, and continues as it acks', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    for (let i = 0; i < 1000; i++) a.send(sendTo(alice.devices[0]!, bob, alice, `w${i}`));
    await expect.poll(() => a.frames.filter((f) => f.t === 'send_ok').length, { timeout: 30_000 }).toBe(1000);

    const b: RawDevice = await t.connect(bob.devices[0]!);
    await new Promise((r) => setTimeout(r, 1000));
    const held = b.deliveries().length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(1000);
    expect(b.frames.some((f) => f.t === 'queue_empty')).toBe(false);
    b.autoAck = true;
    b.ack(b.deliveries().map((d) => d.guid));
    await b.next(is('queue_empty'), 30_000);
    expect(new Set(b.deliveries().map((d) => d.guid)).size).toBe(1000);
  });
});
