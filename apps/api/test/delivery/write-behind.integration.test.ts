import { ReceiptKind } from '@switchboard/protocol';
import { gatewayTest } from '@switchboard/testkit/gateway/gateway-test';
import { is, sendTo } from '@switchboard/testkit/gateway/raw-device';
import { describe, expect, it } from 'vitest';

// The relay's write-behind (docs/core.md "Write-behind"): what every recipient device acks before the hold ends is
// never written; what is not acked in time is written, and only then answered.
describe('write-behind', () => {
  // Long enough that an ack under any load comes within it; the test that writes waits it out once.
  const t = gatewayTest({ MAILBOX_WRITE_BEHIND_MS: '1500' });
  const rows = async (accounts: string[]) => {
    const { rows } = await t.fx.db.query(
      `SELECT (SELECT count(*)::int FROM "MailboxMessage" WHERE "senderAccountId" = ANY($1::uuid[])) AS messages,
        (SELECT count(*)::int FROM "MailboxEnvelope" WHERE "accountId" = ANY($1::uuid[])) AS envelopes`,
      [accounts],
    );
    return rows[0] as { messages: number; envelopes: number };
  };

  it('writes nothing when every recipient device acks in time: ✓ and ✓✓ together', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!, { autoAck: true });
    const b = await t.connect(bob.devices[0]!, { autoAck: true });
    await Promise.all([a.next(is('queue_empty')), b.next(is('queue_empty'))]);
    const sends = Array.from({ length: 20 }, (_, i) => sendTo(alice.devices[0]!, bob, alice, `wb${i}`));
    for (const s of sends) {
      expect(await a.request(s)).toMatchObject({ t: 'send_ok' });
      expect(await a.next(is('receipt'))).toMatchObject({ kind: ReceiptKind.Delivered, messageIds: [s.id] });
    }
    expect(b.deliveries().map((d) => d.messageId)).toEqual(sends.map((s) => s.id));
    expect(await rows([alice.accountId, bob.accountId])).toEqual({ messages: 0, envelopes: 0 });
  });

  it('writes what is not acked in time (only the unacked envelopes), answers ✓ after the write, and acks it there', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(2);
    const a = await t.connect(alice.devices[0]!, { autoAck: true });
    const b1 = await t.connect(bob.devices[0]!, { autoAck: true });
    const b2 = await t.connect(bob.devices[1]!); // takes the push, does not ack
    await Promise.all([a, b1, b2].map((d) => d.next(is('queue_empty'))));
    const hi = sendTo(alice.devices[0]!, bob, alice, 'late');
    const answer = await a.request(hi);
    expect(answer).toMatchObject({ t: 'send_ok' });
    // ✓ came from the write: the message is stored with b2's envelope only (b1 acked it in memory).
    expect(await rows([alice.accountId])).toEqual({ messages: 1, envelopes: 0 });
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(0);
    expect(await t.fx.waiting(bob.devices[1]!)).toBe(1);
    // b1's ack earned its receipt before the write; b2 had the push long before, and its ack now goes to Postgres.
    expect(await a.next(is('receipt'))).toMatchObject({ fromDeviceId: 1, messageIds: [hi.id] });
    const pushed = b2.deliveries();
    expect(pushed.map((d) => d.messageId)).toEqual([hi.id]);
    b2.ack([pushed[0]!.guid]);
    expect(await a.next(is('receipt'))).toMatchObject({ fromDeviceId: 2, messageIds: [hi.id] });
    expect(await t.fx.waiting(bob.devices[1]!)).toBe(0);
    // A repeat now is recognised before any push: the stored time, and no new copy on b2's connection.
    expect(await a.request(hi)).toMatchObject({
      t: 'send_ok',
      serverTimestamp: answer.t === 'send_ok' ? answer.serverTimestamp : -1,
    });
    expect(b2.deliveries()).toHaveLength(1);
  });

  it('writes at once what has no device here to wait for', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!, { autoAck: true });
    await a.next(is('queue_empty'));
    expect(await a.request(sendTo(alice.devices[0]!, bob, alice, 'offline'))).toMatchObject({ t: 'send_ok' });
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(1);
  });
});
