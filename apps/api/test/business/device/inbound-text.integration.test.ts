import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { waitFor } from '@switchboard/testkit/wait';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Inbound = { from: string; id: string; type: string; text?: { body: string } };

describe("consumers' messages to a business number", () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let receiver: Receiver;
  let bizAccountId: string;

  beforeAll(async () => {
    stack = await startBusinessStack({
      worker: true,
      env: { OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000', OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000' },
    });
    biz = await stack.business();
    receiver = await new Receiver().start();
    await biz.subscribe(receiver);
    bizAccountId = await stack.provisioned(biz.phoneNumberId);
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await stack?.close();
  });

  // A consumer's client can send any text, NUL included; Postgres can store none of it. The message still arrives.
  it('arrives as a messages webhook with the text as sent; the log and the contact keep U+FFFD in its place', async () => {
    const consumer = await consumerDevice(stack.api, 'Pa\u0000blo');
    await consumer.connect();
    try {
      await consumer.reply(bizAccountId, 'before\u0000after');
      const inbound = () => receiver.accepted().flatMap((c) => (c.value.messages as Inbound[] | undefined) ?? []);
      await waitFor(async () => inbound().some((m) => m.from === consumer.waId), 'the inbound messages webhook');
      const message = inbound().find((m) => m.from === consumer.waId)!;
      expect(message.text).toEqual({ body: 'before\u0000after' });

      const logged = await stack.prisma.businessMessage.findUnique({ where: { wamid: message.id } });
      expect(logged?.payload).toMatchObject({ text: { body: 'before\ufffdafter' } });
      const contact = await stack.prisma.contact.findFirst({ where: { businessId: biz.id, waId: consumer.waId } });
      expect(contact?.profileName).toBe('Pa\ufffdblo');
    } finally {
      await consumer.close();
    }
  });

  // The drainer's lanes (SenderLanes): ordered by what was handled while one consumer's message was stuck, not by time.
  it("one consumer's message stuck in its handling holds up neither another consumer's nor its own order", async () => {
    const db = stack.prisma;
    const slow = await consumerDevice(stack.api, 'Slow');
    const other = await consumerDevice(stack.api, 'Other');
    await Promise.all([slow.connect(), other.connect()]);
    let release = () => {};
    let holding: Promise<unknown> = Promise.resolve();
    const texts = async (waId: string) => {
      const events = await db.webhookEvent.findMany({
        where: { businessId: biz.id, orderingKey: `inbound:${biz.phoneNumberId}:${waId}` },
        orderBy: { seq: 'asc' },
      });
      return events.map((e) => (JSON.parse(e.value).messages as Inbound[])[0]!.text?.body);
    };
    try {
      // The test holds the slow consumer's session lock (BusinessCrypto.withPeer), so decrypting its messages waits.
      let holder = 0;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      holding = db.$transaction(
        async (tx) => {
          const [me] = await tx.$queryRawUnsafe<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
          await tx.$executeRawUnsafe(
            'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
            `business-device:${bizAccountId}:${slow.accountId}`,
          );
          holder = me!.pid;
          await gate;
        },
        { timeout: 60_000 },
      );
      await waitFor(() => holder > 0, "the slow consumer's session lock held");
      await slow.reply(bizAccountId, 'slow 1');
      await slow.reply(bizAccountId, 'slow 2');
      await waitFor(async () => {
        const rows = await db.$queryRawUnsafe<{ pid: number }[]>(
          'SELECT pid FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))',
          holder,
        );
        return rows.length > 0;
      }, "the drainer waiting on the slow consumer's first message");

      await other.reply(bizAccountId, 'other 1');
      await waitFor(async () => (await texts(other.waId)).length === 1, "the other consumer's message handled");
      expect(await texts(slow.waId)).toEqual([]);

      release();
      await holding;
      await waitFor(async () => (await texts(slow.waId)).length >= 2, "the slow consumer's messages handled");
      expect(await texts(slow.waId)).toEqual(['slow 1', 'slow 2']);
      expect(await texts(other.waId)).toEqual(['other 1']);
    } finally {
      release();
      await holding.catch(() => undefined);
      await Promise.all([slow.close(), other.close()]);
    }
  }, 60_000);
});
