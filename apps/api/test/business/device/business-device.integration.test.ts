import { randomBytes } from 'node:crypto';
import { LimitsRedis, limitKeys } from '@switchboard/business/limits/scripts/limits-redis';
import { MessageKind } from '@switchboard/core/messaging/mailbox/mailbox.types';
import { decodeReceiptBody, EnvelopeType } from '@switchboard/protocol';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { randomNumber } from '@switchboard/testkit/core';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { waitFor } from '@switchboard/testkit/wait';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Status = {
  id: string;
  status: string;
  recipient_id: string;
  conversation?: { id: string; expiration_timestamp?: string; origin: { type: string } };
  pricing?: { billable: boolean; pricing_model: string; type: string; category: string };
  errors?: { code: number; href?: string }[];
};
type Inbound = { from: string; id: string; type: string; [k: string]: unknown };

// The main scenario end to end: real API (gateway, REST), the worker's business device, Postgres, Redis, SDK
// consumer devices over WebSocket, and a signed-webhook receiver.
describe('the business device', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let receiver: Receiver;
  let bizAccountId: string;

  const statuses = () =>
    receiver.accepted().flatMap((c) => ((c.value.statuses as Status[] | undefined) ?? []).map((s) => s));
  const statusObjects = (wamid: string) => statuses().filter((s) => s.id === wamid);
  const statusesOf = (wamid: string) =>
    statuses()
      .filter((s) => s.id === wamid)
      .map((s) => s.status);
  const inbound = () => receiver.accepted().flatMap((c) => (c.value.messages as Inbound[] | undefined) ?? []);
  const send = async (body: Record<string, unknown>) => {
    const res = await biz.call<{ messages: { id: string }[]; error?: { code: number } }>(
      'POST',
      `/${biz.phoneNumberId}/messages`,
      { messaging_product: 'whatsapp', recipient_type: 'individual', ...body },
    );
    return res;
  };

  beforeAll(async () => {
    stack = await startBusinessStack({
      worker: true,
      env: {
        TEMPLATE_REVIEW: 'manual',
        OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
        OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
        WEBHOOK_RETRY_BASE_MS: '20',
        WEBHOOK_RETRY_MAX_MS: '400',
      },
    });
    biz = await stack.business();
    receiver = await new Receiver().start();
    await biz.subscribe(receiver);
    const created = await biz.call<{ id: string }>('POST', `/${biz.id}/message_templates`, {
      name: 'order_shipped',
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hello {{1}}, your order has shipped.', example: { body_text: [['Pablo']] } }],
    });
    expect(created.status).toBe(200);
    expect((await biz.review(created.body.id, { decision: 'APPROVED' })).status).toBe(200);
    // The worker provisions the new number by itself (the devices.provision job); the scenario needs the account id.
    bizAccountId = await stack.provisioned(biz.phoneNumberId);
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await stack?.close();
  });

  it('template → consumer decrypts and replies → messages webhook → free-form answer with sent, delivered, read in order', async () => {
    const consumer = await consumerDevice(stack.api);
    await consumer.connect();
    try {
      const templated = await send({
        to: consumer.number,
        type: 'template',
        template: {
          name: 'order_shipped',
          language: { code: 'en_US' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'Pablo' }] }],
        },
      });
      expect(templated.status).toBe(200);
      const first = templated.body.messages[0]!.id;

      await waitFor(async () => consumer.messages.length === 1, 'the template at the consumer');
      const got = consumer.messages[0]!;
      expect(got.from.accountId).toBe(bizAccountId);
      expect(got.text).toBe('Hello Pablo, your order has shipped.');
      expect(got.rich).toMatchObject({ type: 'template', template: { name: 'order_shipped', category: 'UTILITY' } });
      await waitFor(async () => statusesOf(first).includes('delivered'), 'delivered status of the template');

      // The consumer replies (a profile name goes with it): a contact, a window, a signed messages webhook.
      await consumer.reply(bizAccountId, 'Where is it now?');
      await waitFor(async () => inbound().some((m) => m.from === consumer.waId), 'the inbound messages webhook');
      const reply = inbound().find((m) => m.from === consumer.waId)!;
      expect(reply).toMatchObject({ type: 'text', text: { body: 'Where is it now?' } });
      expect(reply.id).toMatch(/^wamid\./);
      const change = receiver
        .accepted()
        .find((c) => (c.value.messages as Inbound[] | undefined)?.[0]?.id === reply.id)!;
      expect(change.value.contacts).toEqual([{ profile: { name: 'Pablo' }, wa_id: consumer.waId }]);
      expect(change.value.metadata).toMatchObject({ phone_number_id: biz.phoneNumberId });
      expect(receiver.posts.every((p) => p.signatureOk)).toBe(true);

      // Inside the window: free-form text, then sent → delivered → read.
      const answered = await send({ to: consumer.waId, type: 'text', text: { body: 'In Lisbon, arriving tomorrow.' } });
      expect(answered.status).toBe(200);
      const second = answered.body.messages[0]!.id;
      await waitFor(
        async () => consumer.messages.some((m) => m.text === 'In Lisbon, arriving tomorrow.'),
        'the answer',
      );
      const answer = consumer.messages.find((m) => m.text === 'In Lisbon, arriving tomorrow.')!;
      await waitFor(async () => statusesOf(second).includes('delivered'), 'delivered');
      await consumer.messenger.markRead(bizAccountId, [answer.messageId], answer.serverTimestamp);
      await waitFor(async () => statusesOf(second).includes('read'), 'read');
      expect(statusesOf(second)).toEqual(['sent', 'delivered', 'read']);
      // The template was read too ("read up to").
      await waitFor(async () => statusesOf(first).includes('read'), 'template read');
      expect(statusesOf(first)).toEqual(['sent', 'delivered', 'read']);
      const row = await stack.prisma.businessMessage.findUnique({ where: { wamid: second } });
      expect(row?.status).toBe('read');

      // As Meta: pricing and conversation with sent and delivered (the expiry with sent only), none with read. The
      // template went out with the window closed: a billed utility conversation of 24 h from sending.
      const [tSent, tDelivered, tRead] = statusObjects(first);
      const templateRow = await stack.prisma.businessMessage.findUnique({ where: { wamid: first } });
      const billed = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' };
      expect(tSent!.pricing).toEqual(billed);
      expect(tSent!.conversation).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        expiration_timestamp: String(Math.floor(templateRow!.sentAt!.getTime() / 1000) + 86_400),
        origin: { type: 'utility' },
      });
      expect(tDelivered!.pricing).toEqual(billed);
      expect(tDelivered!.conversation).toEqual({ id: tSent!.conversation!.id, origin: { type: 'utility' } });
      expect(tRead).not.toHaveProperty('pricing');
      expect(tRead).not.toHaveProperty('conversation');
      // The answer is a free service message in the customer-service window the consumer's reply opened.
      const [aSent, aDelivered, aRead] = statusObjects(second);
      const contact = await stack.prisma.contact.findFirst({ where: { businessId: biz.id, waId: consumer.waId } });
      const free = { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' };
      expect(aSent!.pricing).toEqual(free);
      expect(aSent!.conversation).toMatchObject({
        expiration_timestamp: String(Math.floor(contact!.lastInboundAt!.getTime() / 1000) + 86_400),
        origin: { type: 'service' },
      });
      expect(aSent!.conversation!.id).not.toBe(tSent!.conversation!.id);
      expect(aDelivered).toMatchObject({ pricing: free, conversation: { id: aSent!.conversation!.id } });
      expect(aRead).not.toHaveProperty('pricing');

      // Mark-as-read from the API reaches the consumer as a read receipt of its message.
      const marked = await biz.call('POST', `/${biz.phoneNumberId}/messages`, {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: reply.id,
      });
      expect(marked.status).toBe(200);
      await waitFor(
        async () => consumer.receipts.some((r) => r.kind === 'read' && r.from.accountId === bizAccountId),
        'the read receipt',
      );
    } finally {
      await consumer.close();
    }
  }, 60_000);

  it('inbound button and list replies, locations and reactions arrive as their Cloud API types', async () => {
    const consumer = await consumerDevice(stack.api, 'Ana');
    await consumer.connect();
    try {
      const sent = await send({
        to: consumer.waId,
        type: 'template',
        template: {
          name: 'order_shipped',
          language: { code: 'en_US' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }],
        },
      });
      const wamid = sent.body.messages[0]!.id;
      await waitFor(async () => consumer.messages.length === 1, 'the template');
      const coreId = String(consumer.messages[0]!.messageId);
      await consumer.reply(bizAccountId, 'Yes', {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'yes-1', title: 'Yes' } },
        context: { id: coreId },
      });
      await consumer.reply(bizAccountId, 'Priority', {
        type: 'interactive',
        interactive: { type: 'list_reply', list_reply: { id: 'priority', title: 'Priority', description: 'Next day' } },
      });
      await consumer.reply(bizAccountId, '', {
        type: 'location',
        location: { latitude: 38.72, longitude: -9.14, name: 'Home' },
      });
      await consumer.reply(bizAccountId, '👍', { type: 'reaction', reaction: { message_id: coreId, emoji: '👍' } });
      await waitFor(
        async () => inbound().filter((m) => m.from === consumer.waId).length === 4,
        'four inbound messages',
      );
      const mine = inbound().filter((m) => m.from === consumer.waId);
      expect(mine[0]).toMatchObject({
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'yes-1', title: 'Yes' } },
        context: { id: wamid },
      });
      expect(mine[1]).toMatchObject({
        type: 'interactive',
        interactive: { type: 'list_reply', list_reply: { id: 'priority' } },
      });
      expect(mine[2]).toMatchObject({
        type: 'location',
        location: { latitude: 38.72, longitude: -9.14, name: 'Home' },
      });
      expect(mine[3]).toMatchObject({ type: 'reaction', reaction: { message_id: wamid, emoji: '👍' } });
      // Non-ASCII is escaped like Meta's JSON, and still verifies.
      expect(receiver.posts.some((p) => p.raw.includes('\\ud83d\\udc4d'))).toBe(true);
      expect(receiver.posts.every((p) => p.signatureOk)).toBe(true);
    } finally {
      await consumer.close();
    }
  }, 60_000);

  it('accepts what Meta accepts and fails it in the webhook: 131047 outside the window, 131026 for no account', async () => {
    const failedWith = async (wamid: string) => {
      await waitFor(async () => statusesOf(wamid).includes('failed'), `the failed status of ${wamid}`);
      expect(statusesOf(wamid)).toEqual(['failed']);
      return statuses().find((s) => s.id === wamid)!;
    };
    const stranger = await consumerDevice(stack.api);
    const outside = await send({ to: stranger.waId, type: 'text', text: { body: 'hi' } });
    expect(outside.status, outside.text).toBe(200);
    const late = outside.body.messages[0]!.id;
    const reengage = await failedWith(late);
    expect(reengage.recipient_id).toBe(stranger.waId);
    expect(reengage.errors?.[0]).toMatchObject({
      code: 131047,
      title: 'Re-engagement message',
      href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
    });
    const logged = await stack.prisma.businessMessage.findUniqueOrThrow({ where: { wamid: late } });
    expect(logged).toMatchObject({ status: 'failed', error: { code: 131047 } });
    expect(logged.sentAt).toBeNull();

    // No account at all: 131026 takes precedence over the window, for free-form messages as for templates.
    const noAccount = randomNumber().slice(1);
    const freeForm = await send({ to: noAccount, type: 'text', text: { body: 'hi' } });
    expect(freeForm.status).toBe(200);
    expect((await failedWith(freeForm.body.messages[0]!.id)).errors?.[0]?.code).toBe(131026);

    const nobody = randomNumber().slice(1);
    const res = await send({
      to: nobody,
      type: 'template',
      template: {
        name: 'order_shipped',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'X' }] }],
      },
    });
    expect(res.status, res.text).toBe(200);
    const wamid = res.body.messages[0]!.id;
    await waitFor(async () => statusesOf(wamid).includes('failed'), 'the failed status');
    const failed = statuses().find((s) => s.id === wamid)!;
    expect(failed.errors?.[0]?.code).toBe(131026);
    expect(failed.errors?.[0]?.href).toBe(
      'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
    );
    expect(failed).not.toHaveProperty('pricing');
    expect(failed.recipient_id).toBe(nobody);
    expect(statusesOf(wamid)).toEqual(['failed']);
    // Meta counts the consumers a business delivers to: the template's messaging-limit place is given back.
    expect(await stack.prisma.businessInitiatedContact.count({ where: { businessId: biz.id, waId: nobody } })).toBe(0);
    const limitsRedis = stack.api.app.get(LimitsRedis).client;
    await waitFor(
      async () => (await limitsRedis.zscore(limitKeys.unsolicited(biz.id), nobody)) === null,
      'the place taken out of the Redis set',
    );
  }, 60_000);

  it("keeps only ciphertext in the core's tables and only sealed state in its own", async () => {
    const consumer = await consumerDevice(stack.api, 'Offline'); // never connects: its envelope waits in the mailbox
    const secret = `the secret is ${randomBytes(6).toString('hex')}`;
    // Open the window with a reply first (from a connected session of the same account).
    await consumer.connect();
    await consumer.reply(bizAccountId, 'hello');
    await waitFor(async () => inbound().some((m) => m.from === consumer.waId), 'window opened');
    await consumer.close();
    const res = await send({ to: consumer.waId, type: 'text', text: { body: secret } });
    const wamid = res.body.messages[0]!.id;
    await waitFor(async () => statusesOf(wamid).includes('sent'), 'sent');
    const rows = await stack.prisma.$queryRawUnsafe<
      { kind: number; content: Uint8Array | null; type: number; body: Uint8Array | null }[]
    >(
      `SELECT m."kind", e."content", e."type", m."body" FROM "MailboxEnvelope" e
       JOIN "MailboxMessage" m ON m."id" = e."messageId" WHERE e."accountId" = $1::uuid`,
      consumer.accountId,
    );
    // Besides the message, the mailbox may legitimately hold the business device's ✓✓ and read receipts for 'hello'
    // (they are stored when they reach the consumer after it went offline): those are message ids, never content.
    const messages = rows.filter((r) => r.kind === MessageKind.Message);
    expect(messages.length).toBeGreaterThan(0);
    for (const r of messages) {
      expect([EnvelopeType.Whisper, EnvelopeType.PreKey]).toContain(r.type);
      expect(Buffer.from(r.content!).includes(secret)).toBe(false);
      expect(r.body).toBeNull();
    }
    for (const r of rows.filter((row) => row.kind !== MessageKind.Message)) {
      expect(r.content).toBeNull();
      expect(r.type).toBe(0); // no libsignal type: a receipt is no ciphertext
      const body = Buffer.from(r.body!);
      if (r.kind === MessageKind.DeliveredReceipt)
        expect(body.length % 8).toBe(0); // 8-byte client ids only
      else {
        expect(r.kind).toBe(MessageKind.ReadReceipt);
        expect(() => decodeReceiptBody(body)).not.toThrow(); // message ids and a timestamp, nothing else
      }
      expect(body.includes(secret)).toBe(false);
    }
    const keys = await stack.prisma.businessDeviceKey.findMany({ where: { accountId: bizAccountId } });
    expect(keys.length).toBeGreaterThan(3);
    const identity = keys.find((k) => k.key === 'signal:identity')!;
    expect(Buffer.from(identity.value).toString('latin1')).not.toMatch(/^[A-Za-z0-9+/=]+$/); // sealed, not base64
  }, 60_000);
});
