import { type BusinessApi, startBusinessApi, type TestBusiness } from '@switchboard/testkit/business/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type GraphError = { error: { code: number; message: string; type: string; error_data?: { details: string } } };

/** The one envelope, exactly: what every client library parses. */
function expectGraphError(status: number, body: unknown): GraphError['error'] {
  const error = (body as GraphError).error;
  expect(error, JSON.stringify(body)).toBeDefined();
  expect(Object.keys(body as object)).toEqual(['error']);
  expect(typeof error.message).toBe('string');
  expect(typeof error.type).toBe('string');
  expect(Number.isInteger(error.code)).toBe(true);
  expect(typeof (error as { fbtrace_id?: unknown }).fbtrace_id).toBe('string');
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  return error;
}

describe('text Postgres cannot store is refused at input, naming the field', () => {
  let stack: BusinessApi;
  let biz: TestBusiness;
  beforeAll(async () => {
    stack = await startBusinessApi();
    biz = await stack.business();
  });
  afterAll(() => stack.close());

  const send = (text: string) => ({
    messaging_product: 'whatsapp',
    to: '+447400123456',
    type: 'text',
    text: { body: text },
  });
  const bodies: [string, string, unknown, string][] = [
    ['NUL in a message', '/PHONE/messages', send('a\u0000b'), 'text.body'],
    ['unpaired surrogate in a message', '/PHONE/messages', send('a\ud800b'), 'text.body'],
    ['NUL in a contact tag', '/WABA/contacts', { wa_id: '447400123456', tags: ['vip', 'a\u0000'] }, 'tags[1]'],
    ['NUL in a key name', '/WABA/api_keys', { name: 'k\u0000' }, 'name'],
    ['NUL in an object key', '/PHONE/messages', { ...send('hi'), ['k\u0000']: 1 }, 'k\u0000'],
  ];
  it.each(bodies)('%s → 400, code 100, %s named', async (_, path, body, field) => {
    const res = await biz.call(path.replace('PHONE', biz.phoneNumberId).replace('WABA', biz.id), {
      method: 'POST',
      body,
    });
    const error = expectGraphError(res.status, res.body);
    expect(res.status).toBe(400);
    expect(error.code).toBe(100);
    expect(error.error_data?.details.startsWith(`${field}: `)).toBe(true);
  });

  it.each([
    ['search', '/WABA/contacts?search=a%00b'],
    ['tag', '/WABA/contacts?tag=%00'],
    ['name', '/WABA/message_templates?name=x%00'],
    ['field', '/WABA/webhook_events?field=%00'],
  ])('a query parameter (%s) with NUL or a lone surrogate → 400, code 100', async (field, path) => {
    const res = await fetch(`${stack.api.url}/v23.0${path.replace('WABA', biz.id)}`, { headers: biz.headers });
    const error = expectGraphError(res.status, await res.json());
    expect(error.code).toBe(100);
    expect(error.error_data?.details.startsWith(`${field}: `)).toBe(true);
  });

  it('a 200 KB reaction emoji is refused like any over-long field (its grapheme check once exhausted the heap)', async () => {
    const res = await biz.call(`/${biz.phoneNumberId}/messages`, {
      method: 'POST',
      body: {
        messaging_product: 'whatsapp',
        to: '+447400123456',
        type: 'reaction',
        reaction: { message_id: 'wamid.x', emoji: 'x'.repeat(200_000) },
      },
    });
    const error = expectGraphError(res.status, res.body);
    expect(error.error_data?.details.startsWith('reaction.emoji: ')).toBe(true);
  });

  it('a path parameter with NUL → 400, code 100', async () => {
    const res = await fetch(`${stack.api.url}/v23.0/a%00b/media`, { method: 'POST', headers: biz.headers });
    const error = expectGraphError(res.status, await res.json());
    expect(error.error_data?.details.startsWith('phone_number_id: ')).toBe(true);
  });

  it('an event id above int8 is not found, not a 500', async () => {
    for (const id of ['9223372036854775808', '9999999999999999999', '99999999999999999999']) {
      const res = await fetch(`${stack.api.url}/v23.0/${biz.id}/webhook_events/${id}/deliveries`, {
        headers: biz.headers,
      });
      expect(expectGraphError(res.status, await res.json()).code).toBe(100);
    }
  });
});

describe('errors the router raises are in the envelope', () => {
  let stack: BusinessApi;
  let biz: TestBusiness;
  beforeAll(async () => {
    stack = await startBusinessApi();
    biz = await stack.business();
  });
  afterAll(() => stack.close());

  it.each([
    ['an undecodable escape', '/v23.0/%ff/messages', 400],
    ['an undecodable object id', '/%ff', 400],
    ['a path parameter over the length limit', `/v23.0/${'9'.repeat(500)}/messages`, 414],
    ['a 20 KB URL', `/v23.0/${'9'.repeat(20_000)}`, 431],
    ['an unknown route', '/v23.0/1/2/3/4/5', 404],
  ])('%s', async (_, path, status) => {
    const res = await fetch(`${stack.api.url}${path}`, { headers: biz.headers });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(expectGraphError(res.status, await res.json()).code).toBe(100);
  });
});
