import { IdempotencyPurgeService } from '@switchboard/business/messages/idempotency/idempotency-purge.service';
import { PrismaService } from '@switchboard/platform';
import {
  type BusinessApi,
  type GraphError,
  startBusinessApi,
  type TestBusiness,
} from '@switchboard/testkit/business/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Sent {
  messages: { id: string }[];
}

describe('POST /{phone_number_id}/messages: Idempotency-Key', () => {
  let env: BusinessApi;
  let biz: TestBusiness;
  let other: TestBusiness;
  let to: string;
  const db = () => env.api.app.get(PrismaService).client;
  const body = (text: string) => ({ messaging_product: 'whatsapp', to, type: 'text', text: { body: text } });
  const send = (b: unknown, key: string, who = biz) =>
    who.call<Sent & GraphError>(`/${who.phoneNumberId}/messages`, {
      method: 'POST',
      body: b,
      headers: { 'idempotency-key': key },
    });

  beforeAll(async () => {
    env = await startBusinessApi();
    biz = await env.business();
    other = await env.business();
    to = await biz.consumer();
    await db().contact.create({ data: { businessId: other.id, waId: to, lastInboundAt: new Date() } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('replays the first response for the same key and body, and sends nothing more', async () => {
    const first = await send(body('once'), 'key-1');
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same body with its keys in another order is the same request.
    const again = await send({ text: { body: 'once' }, type: 'text', to, messaging_product: 'whatsapp' }, 'key-1');
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(
      await db().businessMessage.count({
        where: { businessId: biz.id, payload: { path: ['text', 'body'], equals: 'once' } },
      }),
    ).toBe(1);
  });

  it('refuses the same key with another body or another number with 422', async () => {
    await send(body('first'), 'key-2');
    const res = await send(body('second'), 'key-2');
    expect(res.status).toBe(422);
    expect(res.body.error.error_data!.details).toMatch(/^Idempotency-Key: /);
    expect(
      await db().businessMessage.count({
        where: { businessId: biz.id, payload: { path: ['text', 'body'], equals: 'second' } },
      }),
    ).toBe(0);
  });

  it('scopes keys to the business', async () => {
    await send(body('mine'), 'shared-key');
    expect((await send(body('theirs'), 'shared-key', other)).status).toBe(200);
  });

  it('accepts one message when the same request races itself', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => send(body('race'), 'key-race')));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => r.body.messages[0]!.id)).size).toBe(1);
    expect(
      await db().businessMessage.count({
        where: { businessId: biz.id, payload: { path: ['text', 'body'], equals: 'race' } },
      }),
    ).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
  });

  it('forgets a key after 24 hours: the next request with it is a new message', async () => {
    const first = await send(body('day one'), 'key-old');
    await db().sendIdempotencyKey.update({
      where: { businessId_key: { businessId: biz.id, key: 'key-old' } },
      data: { createdAt: new Date(Date.now() - 25 * 3600_000) },
    });
    const later = await send(body('day two'), 'key-old');
    expect(later.status).toBe(200);
    expect(later.body.messages[0]!.id).not.toBe(first.body.messages[0]!.id);
  });

  it('purges keys older than 24 hours', async () => {
    await send(body('to purge'), 'key-purge');
    const where = { businessId_key: { businessId: biz.id, key: 'key-purge' } };
    await db().sendIdempotencyKey.update({ where, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } });
    expect(await env.api.app.get(IdempotencyPurgeService).purge()).toBeGreaterThanOrEqual(1);
    expect(await db().sendIdempotencyKey.findUnique({ where })).toBeNull();
  });

  it('does not store failed requests: a key used on a refused send can be used again', async () => {
    const refused = await send({ ...body('x'), to: 'nope' }, 'key-refused');
    expect(refused.status).toBe(400);
    expect((await send(body('fixed'), 'key-refused')).status).toBe(200);
  });
});
