import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { waitFor } from '@switchboard/testkit/wait';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Inbound = { from: string; id: string; type: string; text?: { body: string } };

// A consumer's client can send any text, NUL included; Postgres can store none of it. The message still arrives.
describe('a consumer message with text Postgres cannot store', () => {
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
});
