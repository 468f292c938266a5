import { DeviceEvents } from '@switchboard/core/devices/device-events';
import { MailboxPurgeService } from '@switchboard/core/messaging/purge/mailbox-purge.service';
import { gatewayTest } from '@switchboard/testkit/gateway/gateway-test';
import { is, sendTo } from '@switchboard/testkit/gateway/raw-device';
import { describe, expect, it } from 'vitest';

const DAY = 86_400_000;

describe('mailbox lifecycle', () => {
  const t = gatewayTest({ ENVELOPE_TTL_SECONDS: String(30 * 86_400), SEND_DEDUP_SECONDS: '3600' });

  async function messages(accountId: string): Promise<number> {
    const { rows } = await t.fx.db.query(
      `SELECT count(*)::int AS n FROM "MailboxMessage" WHERE "senderAccountId" = $1`,
      [accountId],
    );
    return rows[0].n;
  }

  it('expires undelivered envelopes after the TTL, however many there are (no count cap)', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    for (let i = 0; i < 300; i++) a.send(sendTo(alice.devices[0]!, bob, alice, `ttl${i}`));
    await expect.poll(() => a.frames.filter((f) => f.t === 'send_ok').length, { timeout: 20_000 }).toBe(300);
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(300);

    const purge = t.api.app.get(MailboxPurgeService);
    await purge.purge(Date.now() + 29 * DAY); // not yet 30 days old
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(300);
    await purge.purge(Date.now() + 30 * DAY + 1000);
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(0);
    expect(await messages(alice.accountId)).toBe(0);
  });

  it('forgets a delivered message only after its de-duplication window', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!, { autoAck: true });
    await a.next(is('queue_empty'));
    // Bob offline at the send: the message is written (one pushed and acked in time never is: write-behind).
    const send = sendTo(alice.devices[0]!, bob, alice, 'dedup');
    await a.request(send);
    const b = await t.connect(bob.devices[0]!, { autoAck: true });
    await b.next(is('deliver'));
    await a.next(is('receipt'));
    await expect.poll(() => t.fx.waiting(bob.devices[0]!)).toBe(0);
    expect(await messages(alice.accountId)).toBe(1); // remembered, so a resend is recognised
    await expect.poll(() => messages(bob.accountId)).toBe(0); // the delivery receipt went as soon as it was acked

    await t.api.app.get(MailboxPurgeService).purge(Date.now() + 3_600_000 + 1000);
    expect(await messages(alice.accountId)).toBe(0);
  });

  it('drops an unlinked device’s queue and closes its socket when the devices module reports it removed', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(2);
    const b2 = await t.connect(bob.devices[1]!);
    await b2.next(is('queue_empty'));
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    await a.request(sendTo(alice.devices[0]!, bob, alice, 'bye'));
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(1);

    await t.fx.removeDevice(bob.devices[0]!);
    await t.api.app.get(DeviceEvents).emitRemoved([{ accountId: bob.accountId, deviceId: 1 }]);
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(0);
    expect(await t.fx.waiting(bob.devices[1]!)).toBe(1);

    await t.fx.removeDevice(bob.devices[1]!);
    await t.api.app.get(DeviceEvents).emitRemoved([{ accountId: bob.accountId, deviceId: 2 }]);
    expect((await b2.closed).code).toBe(4001);
    expect(await t.fx.waiting(bob.devices[1]!)).toBe(0);
  });
});
