import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { waitFor } from '@switchboard/testkit/wait';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Status = { id: string; status: string };

// The send path's batches (docs/business.md, "The business device"): a burst to several consumers is claimed,
// encrypted and handed to the core together; every message arrives once and in order, and every one is sent then
// delivered, in that order, with the receipts that come back handled together too.
describe('the business device under a burst', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let receiver: Receiver;
  let bizAccountId: string;

  beforeAll(async () => {
    stack = await startBusinessStack({
      worker: true,
      env: {
        OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
        OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
        MESSAGES_PER_SECOND_DEFAULT: '1000',
        WEBHOOK_RETRY_BASE_MS: '20',
        WEBHOOK_RETRY_MAX_MS: '400',
      },
    });
    biz = await stack.business();
    receiver = await new Receiver().start();
    const sub = await biz.call('POST', `/${biz.id}/webhook_subscriptions`, {
      callback_url: receiver.url,
      verify_token: receiver.verifyToken,
      app_secret: receiver.appSecret,
      fields: ['messages'],
    });
    expect(sub.status).toBe(200);
    bizAccountId = await stack.provisioned(biz.phoneNumberId);
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await stack?.close();
  });

  it('delivers 3 × 12 messages once each and in order, each sent then delivered', async () => {
    const consumers = await Promise.all(['Ana', 'Bo', 'Cy'].map((name) => consumerDevice(stack.api, name)));
    try {
      for (const c of consumers) await c.connect();
      // Each consumer writes first: an open window for free-form text.
      for (const c of consumers) await c.reply(bizAccountId, 'hello');
      await waitFor(
        async () => (await stack.prisma.contact.count({ where: { businessId: biz.id } })) === consumers.length,
        'three open windows',
      );

      const PER = 12;
      const wamids: string[] = [];
      await Promise.all(
        // One consumer's posts one after another (their accepted order is the order to keep), consumers side by side.
        consumers.map(async (c, i) => {
          for (let j = 0; j < PER; j++) {
            const res = await biz.call<{ messages: { id: string }[] }>('POST', `/${biz.phoneNumberId}/messages`, {
              messaging_product: 'whatsapp',
              to: c.waId,
              type: 'text',
              text: { body: `c${i} m${j}` },
            });
            expect(res.status).toBe(200);
            wamids.push(res.body.messages[0]!.id);
          }
        }),
      );

      await waitFor(async () => consumers.every((c) => c.messages.length === PER), 'every message at its consumer');
      for (const [i, c] of consumers.entries()) {
        expect(c.messages.map((m) => m.text)).toEqual(Array.from({ length: PER }, (_, j) => `c${i} m${j}`));
      }
      const statuses = () => receiver.accepted().flatMap((ch) => (ch.value.statuses as Status[] | undefined) ?? []);
      await waitFor(
        async () => wamids.every((w) => statuses().some((s) => s.id === w && s.status === 'delivered')),
        'every message delivered',
        30_000,
      );
      for (const w of wamids) {
        expect(
          statuses()
            .filter((s) => s.id === w)
            .map((s) => s.status),
        ).toEqual(['sent', 'delivered']);
      }
      expect(await stack.prisma.sendOutbox.count({ where: { businessId: biz.id } })).toBe(0);
      const rows = await stack.prisma.businessMessage.findMany({ where: { wamid: { in: wamids } } });
      expect(rows.every((r) => r.status === 'delivered' && r.sentAt && r.deliveredAt)).toBe(true);
    } finally {
      await Promise.all(consumers.map((c) => c.close()));
    }
  }, 90_000);
  // The sessions are sealed write-behind, in the commit that records the ✓ (BusinessCrypto.withPeers): a message is in
  // the consumer's hands before its session state is on disk. That commit failing — as a crash would leave it — must
  // lose nothing and show nothing twice: the retry encrypts the same message at the same chain position from the old
  // state, the core keeps its first copy, and the next message still opens.
  it('loses nothing and shows nothing twice when the commit after a hand-over fails', async () => {
    const consumer = await consumerDevice(stack.api, 'Di');
    const db = stack.prisma;
    const send = async (text: string) => {
      const res = await biz.call<{ messages: { id: string }[] }>('POST', `/${biz.phoneNumberId}/messages`, {
        messaging_product: 'whatsapp',
        to: consumer.waId,
        type: 'text',
        text: { body: text },
      });
      expect(res.status).toBe(200);
      return res.body.messages[0]!.id;
    };
    let release = () => {};
    let holding: Promise<unknown> = Promise.resolve();
    try {
      await consumer.connect();
      await consumer.reply(bizAccountId, 'hello');
      await waitFor(
        async () => (await db.contact.count({ where: { businessId: biz.id, waId: consumer.waId } })) === 1,
        'an open window',
      );
      const sentYet = async (wamid: string) =>
        (await db.businessMessage.findFirst({ where: { wamid } }))?.status !== 'queued';
      const first = await send('first');
      await waitFor(async () => consumer.messages.length === 1 && (await sentYet(first)), 'the first message sent');

      // This test holds the consumer's session row, so the batch's seal waits on it after the hand-over.
      let holder = 0;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      holding = db.$transaction(
        async (tx) => {
          const [me] = await tx.$queryRawUnsafe<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
          holder = me!.pid;
          await tx.$queryRawUnsafe(
            `SELECT 1 FROM "BusinessDeviceKey" WHERE "accountId" = $1::uuid AND "key" LIKE $2 FOR UPDATE`,
            bizAccountId,
            `signal:session:${consumer.accountId}.%`,
          );
          await gate;
        },
        { timeout: 60_000 },
      );
      await waitFor(async () => holder > 0, 'the session row held');
      const second = await send('second');
      let blocked = 0;
      await waitFor(async () => {
        const rows = await db.$queryRawUnsafe<{ pid: number }[]>(
          'SELECT pid FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))',
          holder,
        );
        blocked = rows[0]?.pid ?? 0;
        return blocked > 0;
      }, 'the seal waiting on the held row');
      // Handed over and pushed before anything about it was committed.
      await waitFor(async () => consumer.messages.length === 2, 'the second message at the consumer before its seal');
      expect((await db.businessMessage.findFirst({ where: { wamid: second } }))?.status).toBe('queued');

      await db.$queryRawUnsafe('SELECT pg_cancel_backend($1::int)', blocked); // the commit fails: all of it rolls back
      release();
      await holding;
      await waitFor(
        async () => (await db.businessMessage.findFirst({ where: { wamid: second } }))?.status !== 'queued',
        'the second message sent on its retry',
      );
      await send('third');
      await waitFor(async () => consumer.messages.length >= 3, 'the third message at the consumer');
      expect(consumer.messages.map((m) => m.text)).toEqual(['first', 'second', 'third']);
      await waitFor(
        async () => (await db.sendOutbox.count({ where: { businessId: biz.id } })) === 0,
        'the outbox empty',
      );
    } finally {
      release();
      await holding.catch(() => undefined);
      await consumer.close();
    }
  }, 90_000);
});
