import { randomBytes } from 'node:crypto';
import { MessageLogWriter } from '@switchboard/business/messages/log/message-log.writer';
import { PrismaService } from '@switchboard/platform';
import { type BusinessApi, startBusinessApi, type TestBusiness } from '@switchboard/testkit/business/api';
import { WebhookEventsService } from '@switchboard/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Writes of many requests share one statement (the message log and send outbox, the webhook outbox). A row that
// statement cannot take — here a value Postgres refuses, which the API's input check keeps out of requests but any
// other caller could still produce — must fail its own request only.
describe('one bad row in a shared batch', () => {
  let stack: BusinessApi;
  let a: TestBusiness;
  let b: TestBusiness;
  beforeAll(async () => {
    stack = await startBusinessApi();
    [a, b] = [await stack.business(), await stack.business()];
  });
  afterAll(() => stack.close());

  it("business A's bad message never fails business B's concurrent sends", async () => {
    const writer = stack.api.app.get(MessageLogWriter);
    const row = (biz: TestBusiness, callbackData?: string) => ({
      wamid: `wamid.iso${randomBytes(12).toString('hex')}`,
      businessId: biz.id,
      phoneNumberId: biz.phoneNumberId,
      waId: '447400123456',
      type: 'text',
      payload: JSON.stringify({ text: { body: 'hi' } }),
      bizOpaqueCallbackData: callbackData,
    });
    // Submitted in one tick: the first flushes alone, the rest queue and go together in the next statements.
    const good = Array.from({ length: 40 }, () => row(b));
    const bad = row(a, 'a\u0000b');
    const results = await Promise.allSettled(
      [...good.slice(0, 20), bad, ...good.slice(20)].map((r) => writer.accept(r)),
    );
    const [before, [badResult], after] = [results.slice(0, 20), results.slice(20, 21), results.slice(21)];
    expect(badResult!.status).toBe('rejected');
    expect([...before, ...after].map((r) => r.status === 'fulfilled' && r.value)).toEqual(good.map(() => true));
    const logged = await stack.api.app
      .get(PrismaService)
      .client.businessMessage.count({ where: { wamid: { in: good.map((r) => r.wamid) } } });
    expect(logged).toBe(40);
  });

  it("business A's bad webhook event never fails business B's concurrent events", async () => {
    const events = stack.api.app.get(WebhookEventsService);
    const value = { messaging_product: 'whatsapp', statuses: [] };
    const good = Array.from({ length: 30 }, (_, i) =>
      events.emit(b.id, 'messages', value, { orderingKey: `iso-${i % 5}` }),
    );
    const bad = events.emit(a.id, 'messages', value, { orderingKey: 'iso\u0000' });
    const results = await Promise.allSettled([...good, bad]);
    expect(results.at(-1)!.status).toBe('rejected');
    expect(results.slice(0, -1).every((r) => r.status === 'fulfilled')).toBe(true);
  });
});
