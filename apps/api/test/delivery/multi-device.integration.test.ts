import { ReceiptKind } from '@switchboard/protocol';
import { gatewayTest } from '@switchboard/testkit/gateway/gateway-test';
import { is, sendTo, textOf } from '@switchboard/testkit/gateway/raw-device';
import { describe, expect, it } from 'vitest';

describe('multi-device delivery', () => {
  const t = gatewayTest();

  it('fans out to every recipient device and the sender’s other devices, both ways, with ✓✓ per device', async () => {
    const alice = await t.fx.account(2);
    const bob = await t.fx.account(3);
    const [a1, a2] = await Promise.all(alice.devices.map((d) => t.connect(d, { autoAck: true })));
    // Bob's third device stays offline for now.
    const [b1, b2] = await Promise.all(bob.devices.slice(0, 2).map((d) => t.connect(d, { autoAck: true })));
    for (const d of [a1!, a2!, b1!, b2!]) await d.next(is('queue_empty'));

    const hello = sendTo(alice.devices[0]!, bob, alice, 'a1-hello');
    expect(await a1!.request(hello)).toMatchObject({ t: 'send_ok' });
    expect(textOf((await b1!.next(is('deliver'))).ciphertext)).toBe('a1-hello>1');
    expect(textOf((await b2!.next(is('deliver'))).ciphertext)).toBe('a1-hello>2');
    const copy = await a2!.next(is('deliver'));
    expect(textOf(copy.ciphertext)).toBe('a1-hello>self2');
    expect(copy).toMatchObject({ senderAccountId: alice.accountId, senderDeviceId: 1, messageId: hello.id });

    // Both of Alice's devices see ✓✓ from each of Bob's online devices (and not for her own copy).
    for (const a of [a1!, a2!]) {
      const ticks = [await a.next(is('receipt')), await a.next(is('receipt'))];
      expect(ticks.map((r) => r.fromDeviceId).sort()).toEqual([1, 2]);
      for (const r of ticks) expect(r).toMatchObject({ kind: ReceiptKind.Delivered, messageIds: [hello.id] });
    }

    // Bob's offline device gets it when it connects, and its ✓✓ follows.
    const b3 = await t.connect(bob.devices[2]!, { autoAck: true });
    expect(textOf((await b3.next(is('deliver'))).ciphertext)).toBe('a1-hello>3');
    expect((await a1!.next(is('receipt'))).fromDeviceId).toBe(3);

    // The other way: Bob's companion answers; Alice's devices and Bob's other devices all get it.
    const reply = sendTo(bob.devices[1]!, alice, bob, 'b2-reply');
    expect(await b2!.request(reply)).toMatchObject({ t: 'send_ok' });
    expect(textOf((await a1!.next(is('deliver'))).ciphertext)).toBe('b2-reply>1');
    expect(textOf((await a2!.next(is('deliver'))).ciphertext)).toBe('b2-reply>2');
    expect(textOf((await b1!.next(is('deliver'))).ciphertext)).toBe('b2-reply>self1');
    expect(textOf((await b3.next(is('deliver'))).ciphertext)).toBe('b2-reply>self3');
    for (const d of [...alice.devices, ...bob.devices]) await expect.poll(() => t.fx.waiting(d)).toBe(0);
  });
});
