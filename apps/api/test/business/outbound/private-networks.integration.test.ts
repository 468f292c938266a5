import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { createTemplate, goodTemplate } from '@switchboard/testkit/business/templates';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { waitFor } from '@switchboard/testkit/wait';
import type { DeliveryLog } from '@switchboard/testkit/webhooks/api';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type ErrorBody = { error: { code: number; error_data?: { details: string } } };

// OUTBOUND_PRIVATE_NETWORKS=deny (docs/business.md "Outbound URLs"): URLs a business gives cannot make Switchboard
// connect into the deployment's own networks — here, the loopback receivers the other tests use.
describe('outbound URLs with private networks denied', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let links: Server;
  let linksPort: number;
  const fetched: string[] = [];

  beforeAll(async () => {
    links = createServer((req, res) => {
      fetched.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7\nhello\n');
    });
    await new Promise<void>((r) => links.listen(0, '127.0.0.1', r));
    linksPort = (links.address() as AddressInfo).port;
    stack = await startBusinessStack({
      worker: true,
      env: {
        OUTBOUND_PRIVATE_NETWORKS: 'deny',
        OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
        OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
      },
    });
    biz = await stack.business();
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await new Promise((r) => links?.close(r));
  });

  it('a subscription to a loopback callback URL is refused with 100 naming callback_url, before any request', async () => {
    const receiver = await new Receiver().start();
    try {
      const port = new URL(receiver.url).port;
      for (const [url, why] of [
        [receiver.url, /^callback_url: 127\.0\.0\.1 is a loopback address/],
        [`http://0x7f000001:${port}/webhooks`, /^callback_url: 127\.0\.0\.1 is a loopback address/],
        [
          `http://localhost:${port}/webhooks`,
          /^callback_url: localhost resolves to (127\.0\.0\.1|::1), which is a loopback/,
        ],
        ['http://169.254.169.254/latest/meta-data/', /^callback_url: 169\.254\.169\.254 is a link-local address/],
      ] as const) {
        const res = await biz.call<ErrorBody>('POST', `/${biz.id}/webhook_subscriptions`, {
          callback_url: url,
          verify_token: receiver.verifyToken,
          app_secret: receiver.appSecret,
          fields: ['messages'],
        });
        expect(res.status, url).toBe(400);
        expect(res.body.error.code).toBe(100);
        expect(res.body.error.error_data?.details).toMatch(why);
      }
      expect(receiver.handshakes).toEqual([]);
      expect(await stack.prisma.webhookSubscription.count({ where: { businessId: biz.id } })).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it('a media link to a loopback address fails the message with 131053 and the reason, never fetched', async () => {
    const bizAccountId = await stack.provisioned(biz.phoneNumberId);
    const consumer = await consumerDevice(stack.api, 'Lena');
    await consumer.connect();
    try {
      await consumer.reply(bizAccountId, 'hello');
      await waitFor(
        async () =>
          !!(await stack.prisma.contact.findFirst({ where: { businessId: biz.id, waId: consumer.waId } }))
            ?.lastInboundAt,
        'the window opened',
      );
      const res = await biz.call<{ messages: { id: string }[] }>('POST', `/${biz.phoneNumberId}/messages`, {
        messaging_product: 'whatsapp',
        to: consumer.waId,
        type: 'document',
        document: { link: `http://127.0.0.1:${linksPort}/files/report.pdf` },
      });
      expect(res.status, res.text).toBe(200);
      const wamid = res.body.messages[0]!.id;
      await waitFor(
        async () => (await stack.prisma.businessMessage.findUnique({ where: { wamid } }))?.status === 'failed',
        'the message failed',
        20_000,
      );
      const row = await stack.prisma.businessMessage.findUniqueOrThrow({ where: { wamid } });
      const error = row.error as { code: number; error_data: { details: string } };
      expect(error.code).toBe(131053);
      expect(error.error_data.details).toMatch(
        /^link: could not fetch http:\/\/127\.0\.0\.1:\d+\/files\/report\.pdf: 127\.0\.0\.1 is a loopback address/,
      );
      expect(fetched).toEqual([]);
      expect(consumer.messages.some((m) => m.rich?.type === 'document')).toBe(false);
    } finally {
      await consumer.close();
    }
  }, 60_000);

  it('a delivery to a loopback callback URL saved earlier is a failed attempt in the delivery log, with the reason', async () => {
    // Saved by an API that allowed private networks (the setting changed since); this stack's worker delivers.
    const receiver = await new Receiver().start();
    const allowing = await startBusinessStack({ env: { OUTBOUND_PRIVATE_NETWORKS: 'allow' } });
    try {
      const subscribed = await allowing.raw('POST', `/v23.0/${biz.id}/webhook_subscriptions`, `Bearer ${biz.token}`, {
        callback_url: receiver.url,
        verify_token: receiver.verifyToken,
        app_secret: receiver.appSecret,
        fields: ['message_template_status_update'],
      });
      expect(subscribed.status, subscribed.text).toBe(200);
      const template = await createTemplate(biz, goodTemplate('refused_delivery')); // auto review: APPROVED
      let log: DeliveryLog['data'][number]['log'] = [];
      await waitFor(
        async () => {
          const events = await biz.call<{ data: { id: string; field: string }[] }>(
            'GET',
            `/${biz.id}/webhook_events?field=message_template_status_update`,
          );
          const event = events.body.data[0];
          if (!event) return false;
          const deliveries = await biz.call<DeliveryLog>('GET', `/${biz.id}/webhook_events/${event.id}/deliveries`);
          log = deliveries.body.data[0]?.log ?? [];
          return log.length > 0;
        },
        `a delivery attempt for template ${template.id}`,
        20_000,
      );
      expect(log[0]).toMatchObject({
        status_code: null,
        error: expect.stringMatching(/^127\.0\.0\.1 is a loopback address; Switchboard does not connect to private/),
      });
      expect(receiver.posts).toEqual([]);
    } finally {
      await allowing.close();
      await receiver.close();
    }
  }, 60_000);
});
