import { randomBytes, randomInt } from 'node:crypto';
import { parseConfig } from '@switchboard/config';
import { ErrorCode, ReceiptKind } from '@switchboard/protocol';
import { createRedis, deleteByPrefix } from '@switchboard/redis';
import type { TestAccount } from '@switchboard/testkit/gateway/fixtures';
import { gatewayTest } from '@switchboard/testkit/gateway/gateway-test';
import { is, type RawDevice, sendTo } from '@switchboard/testkit/gateway/raw-device';
import { describe, expect, it } from 'vitest';

const PER_DAY = 3;

describe('consumers: at most CONSUMER_NEW_CHATS_PER_DAY new chats with accounts that never messaged them', () => {
  const prefix = `${process.env.REDIS_PREFIX ?? 'sb:test:'}chats${randomBytes(3).toString('hex')}:`;
  const t = gatewayTest({ REDIS_PREFIX: prefix, CONSUMER_NEW_CHATS_PER_DAY: String(PER_DAY) });
  const online = async (account: TestAccount) => {
    const d = await t.connect(account.devices[0]!, { autoAck: true });
    await d.next(is('queue_empty'));
    return d;
  };
  const send = (d: RawDevice, from: TestAccount, to: TestAccount) =>
    d.request(sendTo(from.devices[0]!, to, from, `to-${to.accountId.slice(0, 4)}`));
  const chatStarts = async (accountId: string) =>
    Number(
      (await t.fx.db.query(`SELECT count(*) AS n FROM "ChatStart" WHERE "accountId" = $1`, [accountId])).rows[0].n,
    );
  const accounts = (n: number) => Promise.all(Array.from({ length: n }, () => t.fx.account(1)));

  it('the N+1th new chat in 24 h is refused with 429 and stored nowhere; existing chats and replies go on', async () => {
    const alice = await t.fx.account(1);
    const a = await online(alice);
    const peers = await accounts(PER_DAY + 1);
    for (const p of peers.slice(0, PER_DAY)) expect(await send(a, alice, p)).toMatchObject({ t: 'send_ok' });
    const refused = await send(a, alice, peers[PER_DAY]!);
    expect(refused).toMatchObject({ t: 'send_error', code: ErrorCode.RateLimited });
    expect((refused as { message: string }).message).toMatch(/at most 3 a day/);
    expect(await t.fx.waiting(peers[PER_DAY]!.devices[0]!)).toBe(0);
    expect(await chatStarts(alice.accountId)).toBe(PER_DAY);

    // An established chat is not a new one, in either direction, and the peer answering counts for nobody.
    expect(await send(a, alice, peers[0]!)).toMatchObject({ t: 'send_ok' });
    const b = await online(peers[1]!);
    expect(await send(b, peers[1]!, alice)).toMatchObject({ t: 'send_ok' });
    expect(await chatStarts(peers[1]!.accountId)).toBe(0);

    // Someone who wrote to alice first: her answer is no new chat, even at her limit.
    const carol = await t.fx.account(1);
    const c = await online(carol);
    expect(await send(c, carol, alice)).toMatchObject({ t: 'send_ok' });
    expect(await send(a, alice, carol)).toMatchObject({ t: 'send_ok' });
    expect(await chatStarts(alice.accountId)).toBe(PER_DAY);

    // Redis forgets every known chat: Postgres still knows them, and still knows the budget is spent.
    expect(await deleteByPrefix(parseConfig(process.env).redis.url, `${prefix}limits:`)).toBeGreaterThan(0);
    expect(await send(a, alice, peers[2]!)).toMatchObject({ t: 'send_ok' });
    expect(await send(a, alice, peers[PER_DAY]!)).toMatchObject({ t: 'send_error', code: ErrorCode.RateLimited });

    // Rolling 24 h: once the first chat started more than a day ago, one more fits.
    await t.fx.db.query(
      `UPDATE "ChatStart" SET "at" = "at" - interval '25 hours' WHERE "accountId" = $1 AND "peerAccountId" = $2`,
      [alice.accountId, peers[0]!.accountId],
    );
    expect(await send(a, alice, peers[PER_DAY]!)).toMatchObject({ t: 'send_ok' });
    expect(await send(a, alice, (await accounts(1))[0]!)).toMatchObject({ t: 'send_error', code: 429 });
  });

  it('an established chat is answered from the Redis set of known peers', async () => {
    const [dan, erin] = await accounts(2);
    const d = await online(dan!);
    expect(await send(d, dan!, erin!)).toMatchObject({ t: 'send_ok' });
    const redis = createRedis(parseConfig({ ...process.env, REDIS_PREFIX: prefix }), 'chats-test');
    try {
      expect(await redis.sismember(`limits:peers:${dan!.accountId}`, erin!.accountId)).toBe(1);
      expect(await redis.sismember(`limits:peers:${erin!.accountId}`, dan!.accountId)).toBe(1);
      expect(await redis.pttl(`limits:peers:${dan!.accountId}`)).toBeGreaterThan(23 * 3600_000);
    } finally {
      redis.disconnect();
    }
  });

  it('a read receipt goes only where a chat exists: to a stranger it is refused (403) and stored nowhere', async () => {
    const [mallory, victim] = (await accounts(2)) as [TestAccount, TestAccount];
    const m = await online(mallory);
    const receipt = (id: bigint) => {
      m.send({ t: 'read_receipt', id, toAccountId: victim.accountId, messageIds: [1n], upTo: 0 });
      return m.next((f) => (f.t === 'send_ok' || f.t === 'send_error') && f.id === id);
    };
    const refused = await receipt(1001n);
    expect(refused).toMatchObject({ t: 'send_error', code: ErrorCode.Forbidden });
    expect((refused as { message: string }).message).toMatch(/^no chat with this account/);
    expect(await t.fx.waiting(victim.devices[0]!)).toBe(0);
    expect(await chatStarts(mallory.accountId)).toBe(0);

    // Once the victim has written to mallory, mallory's read receipts reach it.
    const v = await online(victim);
    expect(await send(v, victim, mallory)).toMatchObject({ t: 'send_ok' });
    expect(await receipt(1002n)).toMatchObject({ t: 'send_ok' });
    const read = await v.next((f) => f.t === 'receipt' && f.kind === ReceiptKind.Read);
    expect(read).toMatchObject({ fromAccountId: mallory.accountId, messageIds: [1n] });
  });

  it('business numbers’ accounts neither count nor are limited', async () => {
    const [business, frank] = await accounts(2);
    const bizId = `8${randomInt(10 ** 13, 10 ** 14 - 1)}`;
    await t.fx.db.query(`INSERT INTO "Business" (id, name, "templateNamespace") VALUES ($1, 'Shop', $2)`, [
      bizId,
      randomBytes(16).toString('hex'),
    ]);
    await t.fx.db.query(
      `INSERT INTO "BusinessNumber" (id, "businessId", "phoneNumber", "verifiedName", "accountId")
       VALUES ($1, $2, $3, 'Shop', $4)`,
      [`${bizId}1`, bizId, `+1650${randomInt(2_000_000, 9_999_999)}`, business!.accountId],
    );
    const b = await online(business!);
    for (const consumer of await accounts(PER_DAY + 2))
      expect(await send(b, business!, consumer)).toMatchObject({ t: 'send_ok' });
    expect(await chatStarts(business!.accountId)).toBe(0);

    // A consumer at its limit may still write to a business, which does not count either.
    const f = await online(frank!);
    for (const p of await accounts(PER_DAY)) expect(await send(f, frank!, p)).toMatchObject({ t: 'send_ok' });
    expect(await send(f, frank!, business!)).toMatchObject({ t: 'send_ok' });
    expect(await chatStarts(frank!.accountId)).toBe(PER_DAY);
  });
});
