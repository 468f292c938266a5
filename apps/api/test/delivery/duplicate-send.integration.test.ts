import { gatewayTest } from '@switchboard/testkit/gateway/gateway-test';
import { is, sendTo } from '@switchboard/testkit/gateway/raw-device';
import { describe, expect, it } from 'vitest';

describe('repeated client message ids', () => {
  const t = gatewayTest();

  it('stores a message once however often, and however concurrently, it is sent', async () => {
    const alice = await t.fx.account(1);
    const bob = await t.fx.account(1);
    const a = await t.connect(alice.devices[0]!);
    await a.next(is('queue_empty'));
    const send = sendTo(alice.devices[0]!, bob, alice, 'once');
    // Five copies in one burst (they share a storage batch) and one more after the first was stored.
    for (let i = 0; i < 5; i++) a.send(send);
    const answers = await Promise.all(Array.from({ length: 5 }, () => a.next(is('send_ok'))));
    const again = await a.request(send);
    const times = new Set([...answers, again].map((f) => (f.t === 'send_ok' ? f.serverTimestamp : -1)));
    expect(times.size).toBe(1);

    const { rows } = await t.fx.db.query(
      `SELECT count(*)::int AS n FROM "MailboxMessage" WHERE "senderAccountId" = $1`,
      [alice.accountId],
    );
    expect(rows[0].n).toBe(1);
    expect(await t.fx.waiting(bob.devices[0]!)).toBe(1);

    const b = await t.connect(bob.devices[0]!);
    await b.next(is('queue_empty'));
    expect(b.deliveries()).toHaveLength(1);
    // A repeat while the recipient is online pushes the waiting copy again; the connection sends each guid once.
    await a.request(send);
    await new Promise((r) => setTimeout(r, 300));
    expect(b.deliveries()).toHaveLength(1);
  });
});
