import { ReceiptKind } from '@switchboard/protocol';
import { gatewayTest } from '@switchboard/testkit/gateway/gateway-test';
import { is, newId, sendTo, textOf } from '@switchboard/testkit/gateway/raw-device';
import { describe, expect, it } from 'vitest';

describe('1:1 delivery over the gateway', () => {
  const t = gatewayTest();

  it('stores for an offline recipient, delivers the backlog on connect, then ✓✓ reaches the sender', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));

    const send = sendTo(alice.devices[0]!, bob, alice, 'hello-bob');
    const ok = await a.request(send);
    expect(ok).toMatchObject({ t: 'send_ok', id: send.id });
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(1);

    const b = await t.connect(bob.devices[0]!);
    const msg = await b.next(is('deliver'));
    await b.next(is('queue_empty'));
    expect(textOf(msg.ciphertext)).toBe('hello-bob>1');
    expect(msg).toMatchObject({ senderAccountId: alice.accountId, senderDeviceId: 1, messageId: send.id });
    expect(msg.serverTimestamp).toBe((ok as { serverTimestamp: number }).serverTimestamp);

    b.ack([msg.guid]);
    const receipt = await a.next(is('receipt'));
    expect(receipt).toMatchObject({ kind: ReceiptKind.Delivered, fromAccountId: bob.accountId, fromDeviceId: 1 });
    expect(receipt.messageIds).toEqual([send.id]);
    a.ack([receipt.guid]);
    await expect.poll(() => t.fx.waiting(alice.devices[0]!)).toBe(0);
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(0);
  });

  it('pushes live to an online recipient, and read receipts come back blue', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!, { autoAck: true });
    const b = await t.connect(bob.devices[0]!, { autoAck: true });
    await Promise.all([a.next(is('queue_empty')), b.next(is('queue_empty'))]);

    const send = sendTo(alice.devices[0]!, bob, alice, 'live');
    await a.request(send);
    const msg = await b.next(is('deliver'));
    expect(textOf(msg.ciphertext)).toBe('live>1');
    await a.next((f) => f.t === 'receipt' && f.kind === ReceiptKind.Delivered);

    const readId = newId();
    b.send({
      t: 'read_receipt',
      id: readId,
      toAccountId: alice.accountId,
      messageIds: [send.id],
      upTo: msg.serverTimestamp,
    });
    await b.next((f) => f.t === 'send_ok' && f.id === readId);
    const read = await a.next((f) => f.t === 'receipt' && f.kind === ReceiptKind.Read);
    expect(read).toMatchObject({ fromAccountId: bob.accountId, messageIds: [send.id], upTo: msg.serverTimestamp });
  });

  it('keeps a sender’s order: many sends in a row arrive in the order sent', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!, { autoAck: true });
    const b = await t.connect(bob.devices[0]!, { autoAck: true });
    await Promise.all([a.next(is('queue_empty')), b.next(is('queue_empty'))]);
    const sends = Array.from({ length: 200 }, (_, i) => sendTo(alice.devices[0]!, bob, alice, `m${i}`));
    for (const s of sends) a.send(s);
    await expect.poll(() => b.deliveries().length, { timeout: 15_000 }).toBe(200);
    expect(b.deliveries().map((d) => textOf(d.ciphertext))).toEqual(sends.map((_, i) => `m${i}>1`));
  });
});
