import { randomBytes } from 'node:crypto';
import { parseConfig } from '@switchboard/config';
import { PrismaService } from '@switchboard/platform';
import { createRedis, deleteByPrefix } from '@switchboard/redis';
import {
  type BusinessApi,
  type GraphError,
  randomConsumer,
  startBusinessApi,
  type TestBusiness,
} from '@switchboard/testkit/business/api';
import { approvedTemplate, templateBody } from '@switchboard/testkit/business/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PAIR_BURST = 3;

describe('the send endpoint refuses over the sending limits (130429, 131056, 131048)', () => {
  const prefix = `${process.env.REDIS_PREFIX ?? 'sb:test:'}lims${randomBytes(3).toString('hex')}:`;
  let env: BusinessApi;
  const db = () => env.api.app.get(PrismaService).client;
  const send = (b: TestBusiness, body: unknown) =>
    b.call<{ messages: { id: string }[] } & GraphError>(`/${b.phoneNumberId}/messages`, { method: 'POST', body });
  const text = (to: string) => ({ messaging_product: 'whatsapp', to, type: 'text', text: { body: 'hi' } });

  beforeAll(async () => {
    env = await startBusinessApi({
      REDIS_PREFIX: prefix,
      PAIR_RATE_BURST: String(PAIR_BURST),
      PAIR_RATE_INTERVAL_MS: '60000',
    });
  });
  afterAll(async () => {
    await env?.close();
    await deleteByPrefix(parseConfig(process.env).redis.url, prefix).catch(() => undefined);
  });

  it('TIER_250: 250 consumers outside a window get templates, the 251st gets 131048, also after a Redis flush', async () => {
    const biz = await env.business();
    // Tier just set: a tier review running meanwhile (any test's worker, at boot) must not raise it mid-test.
    await db().business.update({ where: { id: biz.id }, data: { tierChangedAt: new Date() } });
    await approvedTemplate(biz, 'shipping_update', 'UTILITY');
    const consumers = Array.from({ length: 250 }, () => randomConsumer());
    for (const to of consumers) {
      const res = await send(biz, templateBody(to, 'shipping_update'));
      expect(res.status, res.text).toBe(200);
    }
    expect(await db().businessInitiatedContact.count({ where: { businessId: biz.id } })).toBe(250);

    const extra = randomConsumer();
    const refused = await send(biz, templateBody(extra, 'shipping_update'));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(131048);
    expect(refused.body.error.message).toBe('(#131048) Spam rate limit hit');
    expect(refused.body.error.error_data?.details).toMatch(/TIER_250 allows 250 unique consumers/);
    // Budget frees up when the first contact leaves the 24 h window.
    expect(refused.body.error.error_data?.details).toMatch(/in 86[34]\d\d s/);
    expect(await db().businessMessage.count({ where: { businessId: biz.id, waId: extra } })).toBe(0);
    expect(await db().businessInitiatedContact.count({ where: { businessId: biz.id, waId: extra } })).toBe(0);

    // A consumer already contacted in the last 24 h costs nothing more.
    const again = await send(biz, templateBody(consumers[7]!, 'shipping_update'));
    expect(again.status, again.text).toBe(200);
    // A consumer whose window is open does not count at all, and is not recorded.
    const open = await biz.consumer();
    expect((await send(biz, templateBody(open, 'shipping_update'))).status).toBe(200);
    expect(await db().businessInitiatedContact.count({ where: { businessId: biz.id, waId: open } })).toBe(0);

    // Redis loses everything: the set is rebuilt from BusinessInitiatedContact, so the limit still holds.
    expect(await deleteByPrefix(parseConfig(process.env).redis.url, prefix)).toBeGreaterThan(0);
    const afterFlush = await send(biz, templateBody(randomConsumer(), 'shipping_update'));
    expect(afterFlush.status).toBe(400);
    expect(afterFlush.body.error.code).toBe(131048);
    expect((await send(biz, templateBody(consumers[100]!, 'shipping_update'))).status).toBe(200);
    const redis = createRedis(parseConfig({ ...process.env, REDIS_PREFIX: prefix }), 'limits-test');
    try {
      expect(await redis.zcard(`limits:unsolicited:${biz.id}`)).toBe(250);
    } finally {
      redis.disconnect();
    }
  }, 120_000); // 251 sends one after another: seconds alone, a minute with the suite on two busy cores

  it('a number at a low messagesPerSecond answers 130429 to the sends over it, storing nothing for them', async () => {
    const biz = await env.business();
    await db().businessNumber.update({ where: { id: biz.phoneNumberId }, data: { messagesPerSecond: 2 } });
    const to = await biz.consumer();
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(biz, text(to))));
    const ok = answers.filter((r) => r.status === 200);
    const limited = answers.filter((r) => r.status === 400);
    expect(ok.length).toBe(1);
    expect(limited.length).toBe(5);
    for (const r of limited) {
      expect(r.body.error.code).toBe(130429);
      expect(r.body.error.message).toBe('(#130429) Rate limit hit');
      expect(r.body.error.error_data?.details).toMatch(
        /^Cloud API message throughput has been reached: .* 2 messages per second/,
      );
    }
    expect(await db().businessMessage.count({ where: { businessId: biz.id } })).toBe(1);
    // Half a second later (T = 500 ms) the next one goes through.
    await new Promise((r) => setTimeout(r, 520));
    expect((await send(biz, text(to))).status).toBe(200);
  });

  it('the pair rate: a burst to one consumer, then 131056; other consumers of the number are not affected', async () => {
    const biz = await env.business();
    const to = await biz.consumer();
    for (let i = 0; i < PAIR_BURST; i++) expect((await send(biz, text(to))).status).toBe(200);
    const over = await send(biz, text(to));
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe(131056);
    expect(over.body.error.message).toBe('(#131056) (Business Account, Consumer Account) pair rate limit hit');
    expect(await db().businessMessage.count({ where: { businessId: biz.id, waId: to } })).toBe(PAIR_BURST);
    expect((await send(biz, text(await biz.consumer()))).status).toBe(200);
  });
});
