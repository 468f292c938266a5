import { contractFetch } from '@switchboard/contract';
import { PrismaService } from '@switchboard/platform';
import {
  type BusinessApi,
  type GraphError,
  startBusinessApi,
  type TestBusiness,
} from '@switchboard/testkit/business/api';
import { approvedTemplate, templateBody, uploadSampleMedia } from '@switchboard/testkit/business/messages';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleMessages } from './samples';

interface Sent {
  messaging_product: string;
  contacts: { input: string; wa_id: string }[];
  messages: { id: string; message_status?: string }[];
}

describe('POST /{phone_number_id}/messages: accepting', () => {
  let env: BusinessApi;
  let biz: TestBusiness;
  let other: TestBusiness;
  let consumer: string;
  let media: Awaited<ReturnType<typeof uploadSampleMedia>>;
  const db = () => env.api.app.get(PrismaService).client;
  const send = (body: unknown, b = biz, headers?: Record<string, string>) =>
    b.call<Sent & GraphError>(`/${b.phoneNumberId}/messages`, { method: 'POST', body, headers });

  beforeAll(async () => {
    env = await startBusinessApi();
    biz = await env.business();
    other = await env.business();
    consumer = await biz.consumer();
    media = await uploadSampleMedia(env, biz);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('accepts every message type with exactly the Cloud API response', async () => {
    for (const [name, body] of Object.entries(sampleMessages(`+${consumer}`, media))) {
      const res = await send(body);
      expect(res.status, `${name}: ${res.text}`).toBe(200);
      expect(res.body, name).toEqual({
        messaging_product: 'whatsapp',
        contacts: [{ input: `+${consumer}`, wa_id: consumer }],
        messages: [{ id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/]+=*$/) }],
      });
    }
  });

  it('records each accepted message in the log (queued) and the send outbox', async () => {
    const samples = sampleMessages(consumer, media);
    for (const name of ['text', 'document', 'buttons', 'reply']) {
      const res = await send(samples[name]);
      const wamid = res.body.messages[0]!.id;
      const row = await db().businessMessage.findUnique({ where: { wamid } });
      expect(row, name).toMatchObject({
        businessId: biz.id,
        phoneNumberId: biz.phoneNumberId,
        direction: 'outbound',
        waId: consumer,
        type: samples[name]!.type,
        status: 'queued',
      });
      const type = samples[name]!.type as string;
      expect(row!.payload, name).toMatchObject({ [type]: samples[name]![type] });
      if (name === 'reply')
        expect(row!.contextWamid).toBe((samples.reply!.context as { message_id: string }).message_id);
      const outbox = await db().sendOutbox.findMany({ where: { wamid } });
      expect(outbox, name).toEqual([
        expect.objectContaining({
          kind: 'message',
          messageId: row!.id,
          waId: consumer,
          phoneNumberId: biz.phoneNumberId,
        }),
      ]);
    }
  });

  it('notifies switchboard_send_outbox listeners once the outbox rows are committed', async () => {
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    try {
      const heard = new Promise<string>((resolve) => listener.on('notification', (n) => resolve(n.channel)));
      await listener.query('LISTEN switchboard_send_outbox');
      const res = await send(sampleMessages(consumer, media).text);
      expect(await heard).toBe('switchboard_send_outbox');
      expect(await db().sendOutbox.count({ where: { wamid: res.body.messages[0]!.id } })).toBe(1);
    } finally {
      await listener.end();
    }
  });

  it('mints wamids like Meta: base64 of a record that carries the wa_id', async () => {
    const res = await send(sampleMessages(consumer, media).text);
    const raw = Buffer.from(res.body.messages[0]!.id.slice('wamid.'.length), 'base64');
    expect(raw.subarray(0, 3)).toEqual(Buffer.from([0x1c, 0x18, consumer.length]));
    expect(raw.subarray(3, 3 + consumer.length).toString()).toBe(consumer);
  });

  it('accepts templates (message_status "accepted") and keeps what they rendered to', async () => {
    await approvedTemplate(biz, 'order_shipped', 'UTILITY');
    const res = await send(templateBody(consumer, 'order_shipped'));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: consumer, wa_id: consumer }],
      messages: [{ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' }],
    });
    const row = await db().businessMessage.findUnique({ where: { wamid: res.body.messages[0]!.id } });
    expect(row!.payload).toMatchObject({
      rendered: { name: 'order_shipped', body: 'Hello Pablo, your order has shipped.' },
    });
  });

  it('checks template header media ids like any other', async () => {
    await approvedTemplate(biz, 'promo_image', 'MARKETING', 'IMAGE');
    const header = (id: string) => [
      { type: 'header', parameters: [{ type: 'image', image: { id } }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Pablo' }] },
    ];
    expect((await send(templateBody(consumer, 'promo_image', header(media.image)))).status).toBe(200);
    const wrong = await send(templateBody(consumer, 'promo_image', header(media.pdf)));
    expect(wrong.body.error).toMatchObject({
      code: 100,
      error_data: { details: expect.stringMatching(/^template\.components/) },
    });
  });

  it('normalises `to` to the wa_id: +, spaces, hyphens, parentheses, and national numbers of the sending country', async () => {
    const local = `1650${String(Math.floor(2_000_000 + Math.random() * 7_000_000))}`;
    await biz.consumer(); // a second contact, to prove wa_ids are not mixed up
    const { ContactsService } = await import('@switchboard/business/contacts/contacts.service');
    await env.api.app.get(ContactsService).recordInbound(biz.id, local, undefined, new Date());
    const national = `(${local.slice(1, 4)}) ${local.slice(4, 7)}-${local.slice(7)}`;
    for (const to of [`+${local}`, local, `+1 ${local.slice(1, 4)} ${local.slice(4, 7)} ${local.slice(7)}`, national]) {
      const res = await send({ messaging_product: 'whatsapp', to, type: 'text', text: { body: 'hi' } });
      expect(res.status, `${to}: ${res.text}`).toBe(200);
      expect(res.body.contacts).toEqual([{ input: to, wa_id: local }]);
    }
  });

  it('answers without the version prefix as well', async () => {
    const res = await contractFetch<Sent>(`${env.api.url}/${biz.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { ...biz.headers, 'content-type': 'application/json' },
      body: JSON.stringify(sampleMessages(consumer, media).text),
    });
    expect(res.status).toBe(200);
  });

  it("answers 404 for another business's number, and 100 for its media ids", async () => {
    const text = sampleMessages(consumer, media).text;
    const res = await other.call<GraphError>(`/${biz.phoneNumberId}/messages`, { method: 'POST', body: text });
    expect(res.status).toBe(404);
    const otherConsumer = await other.consumer();
    const image = await send({ ...sampleMessages(otherConsumer, media).imageById }, other);
    expect(image.status).toBe(400);
    expect(image.body.error).toMatchObject({
      code: 100,
      error_data: { details: expect.stringMatching(/^image\.id: media/) },
    });
  });

  it('refuses a media id of the wrong kind for the message type', async () => {
    const res = await send({ ...sampleMessages(consumer, media).imageById, image: { id: media.pdf } });
    expect(res.body.error).toMatchObject({
      code: 100,
      error_data: { details: expect.stringMatching(/^image\.id: .*application\/pdf/) },
    });
    const voice = await send({ ...sampleMessages(consumer, media).voice, audio: { id: media.mp4, voice: true } });
    expect(voice.status).toBe(400);
  });

  describe('mark as read', () => {
    it('marks a received message read, queues the receipt with the typing indicator, and says success', async () => {
      const wamid = await env.inbound(biz, consumer);
      const res = await send({
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: wamid,
        typing_indicator: { type: 'text' },
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ success: true });
      expect(await db().businessMessage.findUnique({ where: { wamid } })).toMatchObject({
        status: 'read',
        readAt: expect.any(Date),
      });
      expect(await db().sendOutbox.findMany({ where: { wamid } })).toEqual([
        expect.objectContaining({ kind: 'read', typingIndicator: 'text', waId: consumer }),
      ]);
    });

    it('refuses ids of messages this number did not receive', async () => {
      const sent = await send(sampleMessages(consumer, media).text);
      for (const message_id of ['wamid.nope', sent.body.messages[0]!.id]) {
        const res = await send({ messaging_product: 'whatsapp', status: 'read', message_id });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({
          code: 100,
          error_data: { details: expect.stringMatching(/^message_id/) },
        });
      }
      const wamid = await env.inbound(biz, consumer);
      const res = await other.call<GraphError>(`/${other.phoneNumberId}/messages`, {
        method: 'POST',
        body: { messaging_product: 'whatsapp', status: 'read', message_id: wamid },
      });
      expect(res.status).toBe(400);
    });
  });
});
