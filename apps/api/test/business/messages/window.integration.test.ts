import { ContactsService } from '@switchboard/business/contacts/contacts.service';
import { PrismaService } from '@switchboard/platform';
import {
  type BusinessApi,
  type GraphError,
  randomConsumer,
  startBusinessApi,
  type TestBusiness,
} from '@switchboard/testkit/business/api';
import { approvedTemplate, templateBody } from '@switchboard/testkit/business/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleMessages } from './samples';

const HOUR = 3600_000;

describe('POST /{phone_number_id}/messages: who may receive what', () => {
  let env: BusinessApi;
  let biz: TestBusiness;
  const send = (body: unknown) =>
    biz.call<GraphError & { messages: { id: string }[] }>(`/${biz.phoneNumberId}/messages`, { method: 'POST', body });
  const text = (to: string) => sampleMessages(to, { image: '1', pdf: '1', ogg: '1', mp4: '1', webp: '1' }).text;

  beforeAll(async () => {
    env = await startBusinessApi();
    biz = await env.business();
    await approvedTemplate(biz, 'shipping_update', 'UTILITY');
    await approvedTemplate(biz, 'big_sale', 'MARKETING');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('sends free-form messages inside the 24-hour window', async () => {
    expect((await send(text(await biz.consumer(23 * HOUR)))).status).toBe(200);
  });

  /** The failure a message was accepted with, to be reported in its `failed` webhook (null: it is to be sent). */
  const failureOf = async (wamid: string) =>
    (await env.api.app.get(PrismaService).client.businessMessage.findUniqueOrThrow({ where: { wamid } })).error;

  it('accepts free-form messages outside the window, or to someone who never wrote, to fail them with 131047', async () => {
    for (const to of [await biz.consumer(25 * HOUR), randomConsumer()]) {
      const interactive = sampleMessages(to, { image: '1', pdf: '1', ogg: '1', mp4: '1', webp: '1' }).locationRequest;
      for (const message of [text(to), interactive]) {
        const res = await send(message);
        expect(res.status, res.text).toBe(200);
        expect(res.body.messages[0]!.id).toMatch(/^wamid\./);
        expect(await failureOf(res.body.messages[0]!.id)).toMatchObject({
          code: 131047,
          title: 'Re-engagement message',
          error_data: { details: expect.stringContaining(to) },
        });
      }
    }
  });

  it('allows templates outside the window', async () => {
    for (const to of [await biz.consumer(25 * HOUR), randomConsumer()]) {
      expect((await send(templateBody(to, 'shipping_update'))).status).toBe(200);
      expect((await send(templateBody(to, 'big_sale'))).status).toBe(200);
    }
  });

  it('sees a window that opens after a closed one (closed windows are never cached)', async () => {
    const to = randomConsumer();
    expect(await failureOf((await send(text(to))).body.messages[0]!.id)).toMatchObject({ code: 131047 });
    await env.api.app.get(ContactsService).recordInbound(biz.id, to, undefined, new Date());
    const open = await send(text(to));
    expect(open.status).toBe(200);
    expect(await failureOf(open.body.messages[0]!.id)).toBeNull();
  });

  it('refuses marketing templates to a contact who opted out with 131050, and nothing else', async () => {
    const to = await biz.consumer();
    await env.api.app.get(ContactsService).setOpt(biz.id, to, 'OPTED_OUT', 'api');
    const res = await send(templateBody(to, 'big_sale'));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(131050);
    expect((await send(templateBody(to, 'shipping_update'))).status).toBe(200);
    expect((await send(text(to))).status).toBe(200);
    const logged = await env.api.app
      .get(PrismaService)
      .client.businessMessage.count({ where: { businessId: biz.id, waId: to } });
    expect(logged).toBe(2);
  });

  it('answers the template errors of TemplatesService (132001 unknown, 132000 wrong parameter count)', async () => {
    const to = await biz.consumer();
    expect((await send(templateBody(to, 'no_such_template'))).body.error.code).toBe(132001);
    expect((await send(templateBody(to, 'shipping_update', []))).body.error.code).toBe(132000);
  });
});
