import {
  type BusinessApi,
  type GraphError,
  startBusinessApi,
  type TestBusiness,
} from '@switchboard/testkit/business/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleMessages } from './samples';

const x = (n: number) => 'x'.repeat(n);
const button = (id: string, title = id) => ({ type: 'reply', reply: { id, title } });
const rows = (n: number, prefix = 'r') =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${i}` }));

type Body = Record<string, unknown>;
type Case = [name: string, mutate: (s: Record<string, Body>) => unknown, field: string];

/** Each Cloud API rule, broken once: the answer is 400, code 100, and `details` starts with the field's path. */
const CASES: Case[] = [
  ['no messaging_product', (s) => ({ ...s.text, messaging_product: undefined }), 'messaging_product'],
  ['another product', (s) => ({ ...s.text, messaging_product: 'sms' }), 'messaging_product'],
  ['group recipients', (s) => ({ ...s.text, recipient_type: 'group' }), 'recipient_type'],
  ['no to', (s) => ({ ...s.text, to: undefined }), 'to'],
  ['letters in to', (s) => ({ ...s.text, to: 'call me maybe' }), 'to'],
  ['a number too short', (s) => ({ ...s.text, to: '+1234' }), 'to'],
  ['an unknown type', (s) => ({ ...s.text, type: 'carousel' }), 'type'],
  ['type without its object', (s) => ({ ...s.text, text: undefined }), 'text'],
  ['empty text', (s) => ({ ...s.text, text: { body: '' } }), 'text.body'],
  ['text over 4096', (s) => ({ ...s.text, text: { body: x(4097) } }), 'text.body'],
  ['preview_url not boolean', (s) => ({ ...s.text, text: { body: 'hi', preview_url: 'yes' } }), 'text.preview_url'],
  [
    'media with id and link',
    (s) => ({ ...s.imageByLink, image: { id: '1', link: 'https://example.com/a.png' } }),
    'image',
  ],
  ['media with neither', (s) => ({ ...s.imageByLink, image: { caption: 'hi' } }), 'image'],
  ['a non-http link', (s) => ({ ...s.imageByLink, image: { link: 'ftp://example.com/a.png' } }), 'image.link'],
  [
    'caption over 1024',
    (s) => ({ ...s.imageByLink, image: { link: 'https://example.com/a.png', caption: x(1025) } }),
    'image.caption',
  ],
  [
    'filename over 240',
    (s) => ({ ...s.document, document: { link: 'https://example.com/a.pdf', filename: x(241) } }),
    'document.filename',
  ],
  ['latitude out of range', (s) => ({ ...s.location, location: { latitude: 91, longitude: 0 } }), 'location.latitude'],
  ['no longitude', (s) => ({ ...s.location, location: { latitude: 1 } }), 'location.longitude'],
  ['no contact cards', (s) => ({ ...s.contacts, contacts: [] }), 'contacts'],
  [
    '258 contact cards',
    (s) => ({ ...s.contacts, contacts: Array(258).fill({ name: { formatted_name: 'A' } }) }),
    'contacts',
  ],
  [
    'a card without formatted_name',
    (s) => ({ ...s.contacts, contacts: [{ name: { first_name: 'A' } }] }),
    'contacts[0].name.formatted_name',
  ],
  [
    'a bad birthday',
    (s) => ({ ...s.contacts, contacts: [{ name: { formatted_name: 'A' }, birthday: '23/01/1999' }] }),
    'contacts[0].birthday',
  ],
  [
    'a reaction of two emoji',
    (s) => ({ ...s.reaction, reaction: { message_id: 'wamid.x', emoji: '😀😀' } }),
    'reaction.emoji',
  ],
  [
    'a reaction of letters',
    (s) => ({ ...s.reaction, reaction: { message_id: 'wamid.x', emoji: 'ok' } }),
    'reaction.emoji',
  ],
  ['a reaction without message_id', (s) => ({ ...s.reaction, reaction: { emoji: '👍' } }), 'reaction.message_id'],
  [
    'an unknown interactive type',
    (s) => ({ ...s.buttons, interactive: { type: 'product', body: { text: 'x' }, action: {} } }),
    'interactive.type',
  ],
  [
    'four reply buttons',
    (s) => withAction(s.buttons!, { buttons: ['a', 'b', 'c', 'd'].map((i) => button(i)) }),
    'interactive.action.buttons',
  ],
  ['no reply buttons', (s) => withAction(s.buttons!, { buttons: [] }), 'interactive.action.buttons'],
  [
    'a button title over 20',
    (s) => withAction(s.buttons!, { buttons: [button('a', x(21))] }),
    'interactive.action.buttons[0].reply.title',
  ],
  [
    'a button id over 256',
    (s) => withAction(s.buttons!, { buttons: [button(x(257), 'ok')] }),
    'interactive.action.buttons[0].reply.id',
  ],
  [
    'two buttons with one id',
    (s) => withAction(s.buttons!, { buttons: [button('a', 'One'), button('a', 'Two')] }),
    'interactive.action.buttons[1].reply.id',
  ],
  [
    'two buttons with one title',
    (s) => withAction(s.buttons!, { buttons: [button('a', 'Same'), button('b', 'Same')] }),
    'interactive.action.buttons[1].reply.title',
  ],
  ['a button body over 1024', (s) => withInteractive(s.buttons!, { body: { text: x(1025) } }), 'interactive.body.text'],
  ['no body', (s) => withInteractive(s.buttons!, { body: undefined }), 'interactive.body'],
  ['a footer over 60', (s) => withInteractive(s.buttons!, { footer: { text: x(61) } }), 'interactive.footer.text'],
  [
    'a header text over 60',
    (s) => withInteractive(s.buttons!, { header: { type: 'text', text: x(61) } }),
    'interactive.header.text',
  ],
  [
    'eleven sections',
    (s) =>
      withAction(s.list!, {
        button: 'Pick',
        sections: Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}`) })),
      }),
    'interactive.action.sections',
  ],
  [
    'eleven rows in total',
    (s) =>
      withAction(s.list!, {
        button: 'Pick',
        sections: [
          { title: 'A', rows: rows(6, 'a') },
          { title: 'B', rows: rows(5, 'b') },
        ],
      }),
    'interactive.action.sections',
  ],
  [
    'a section without rows',
    (s) => withAction(s.list!, { button: 'Pick', sections: [{ title: 'A', rows: [] }] }),
    'interactive.action.sections[0].rows',
  ],
  [
    'a row title over 24',
    (s) => withAction(s.list!, { button: 'Pick', sections: [{ title: 'A', rows: [{ id: 'a', title: x(25) }] }] }),
    'interactive.action.sections[0].rows[0].title',
  ],
  [
    'a row description over 72',
    (s) =>
      withAction(s.list!, {
        button: 'Pick',
        sections: [{ title: 'A', rows: [{ id: 'a', title: 'A', description: x(73) }] }],
      }),
    'interactive.action.sections[0].rows[0].description',
  ],
  [
    'a row id over 200',
    (s) => withAction(s.list!, { button: 'Pick', sections: [{ title: 'A', rows: [{ id: x(201), title: 'A' }] }] }),
    'interactive.action.sections[0].rows[0].id',
  ],
  [
    'two rows with one id',
    (s) =>
      withAction(s.list!, {
        button: 'Pick',
        sections: [
          { title: 'A', rows: rows(1) },
          { title: 'B', rows: rows(1) },
        ],
      }),
    'interactive.action.sections[1].rows[0].id',
  ],
  [
    'a list button over 20',
    (s) => withAction(s.list!, { button: x(21), sections: [{ title: 'A', rows: rows(1) }] }),
    'interactive.action.button',
  ],
  [
    'a section title over 24',
    (s) => withAction(s.list!, { button: 'Pick', sections: [{ title: x(25), rows: rows(1) }] }),
    'interactive.action.sections[0].title',
  ],
  ['a list body over 4096', (s) => withInteractive(s.list!, { body: { text: x(4097) } }), 'interactive.body.text'],
  [
    'a media header on a list',
    (s) => withInteractive(s.list!, { header: { type: 'image', image: { link: 'https://example.com/a.png' } } }),
    'interactive.header.type',
  ],
  [
    'a cta_url without a url',
    (s) => withAction(s.ctaUrl!, { name: 'cta_url', parameters: { display_text: 'Go', url: 'not a url' } }),
    'interactive.action.parameters.url',
  ],
  [
    'a cta_url label over 20',
    (s) => withAction(s.ctaUrl!, { name: 'cta_url', parameters: { display_text: x(21), url: 'https://example.com' } }),
    'interactive.action.parameters.display_text',
  ],
  [
    'a template without name',
    (s) => ({ ...s.text, type: 'template', text: undefined, template: { language: { code: 'en_US' } } }),
    'template.name',
  ],
  [
    'a template without language',
    (s) => ({ ...s.text, type: 'template', text: undefined, template: { name: 'x' } }),
    'template.language',
  ],
  ['an empty context id', (s) => ({ ...s.text, context: { message_id: '' } }), 'context.message_id'],
  ['callback data over 512', (s) => ({ ...s.text, biz_opaque_callback_data: x(513) }), 'biz_opaque_callback_data'],
  ['mark-as-read without message_id', () => ({ messaging_product: 'whatsapp', status: 'read' }), 'message_id'],
  [
    'mark-as-read with another status',
    () => ({ messaging_product: 'whatsapp', status: 'delivered', message_id: 'wamid.x' }),
    'status',
  ],
  [
    'a typing indicator of another type',
    () => ({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.x',
      typing_indicator: { type: 'audio' },
    }),
    'typing_indicator.type',
  ],
  ['an array body', () => [1, 2], 'body'],
  ['a string body', () => 'hello', 'body'],
];

function withInteractive(body: Body, change: Body): Body {
  return { ...body, interactive: { ...(body.interactive as Body), ...change } };
}
function withAction(body: Body, action: Body): Body {
  return withInteractive(body, { action });
}

describe('POST /{phone_number_id}/messages: validation', () => {
  let env: BusinessApi;
  let biz: TestBusiness;
  let samples: Record<string, Body>;

  beforeAll(async () => {
    env = await startBusinessApi();
    biz = await env.business();
    samples = sampleMessages(await biz.consumer(), { image: '1', pdf: '1', ogg: '1', mp4: '1', webp: '1' });
  });
  afterAll(async () => {
    await env?.close();
  });

  it.each(CASES.map(([name, mutate, field]) => [name, field, mutate] as const))(
    '%s → 100 naming %s',
    async (_name, field, mutate) => {
      const res = await biz.call<GraphError>(`/${biz.phoneNumberId}/messages`, {
        method: 'POST',
        body: JSON.stringify(mutate(samples)),
      });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe(100);
      expect(res.body.error.error_data!.details).toMatch(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}: `));
    },
  );

  it('answers 100 for a malformed Idempotency-Key, naming the header', async () => {
    for (const key of [x(256), 'has space']) {
      const res = await biz.call<GraphError>(`/${biz.phoneNumberId}/messages`, {
        method: 'POST',
        body: samples.text,
        headers: { 'idempotency-key': key },
      });
      expect(res.body.error).toMatchObject({
        code: 100,
        error_data: { details: expect.stringMatching(/^Idempotency-Key: /) },
      });
    }
  });

  it('answers 100 for malformed JSON and 415 for a body that is not JSON', async () => {
    const bad = await biz.call<GraphError>(`/${biz.phoneNumberId}/messages`, {
      method: 'POST',
      body: '{"to":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe(100);
    const form = await biz.call<GraphError>(`/${biz.phoneNumberId}/messages`, {
      method: 'POST',
      body: 'to=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
  });
});
