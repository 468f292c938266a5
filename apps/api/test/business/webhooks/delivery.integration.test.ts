import { createHmac } from 'node:crypto';
import { PrismaService } from '@switchboard/platform';
import { waitFor } from '@switchboard/testkit/wait';
import { type Business, businessApi, type DeliveryLog } from '@switchboard/testkit/webhooks/api';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { startWebhookStack, type WebhookStack } from '@switchboard/testkit/webhooks/stack';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const status = (wamid: string, s: string) => ({
  messaging_product: 'whatsapp',
  metadata: { display_phone_number: '15550001111', phone_number_id: '1000000000000001' },
  statuses: [{ id: wamid, status: s, timestamp: '1749416383', recipient_id: '16505551234' }],
});

describe('webhook delivery', () => {
  let stack: WebhookStack;
  let biz: Business;
  let api: ReturnType<typeof businessApi>;
  const receivers: Receiver[] = [];
  const receiver = async (options: ConstructorParameters<typeof Receiver>[0] = {}) => {
    const r = await new Receiver(options).start();
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    stack = await startWebhookStack({ WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_RETRY_MAX_MS: '1600' });
  });
  // A business per test: every subscription of a business receives that business's events.
  beforeEach(async () => {
    biz = await stack.business();
    api = businessApi(stack, biz);
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await stack?.close();
  });

  it('signs the raw body, serialised like Meta (non-ASCII as \\uXXXX, "/" as "\\/")', async () => {
    const r = await receiver();
    await api.subscribe(r);
    const value = {
      messaging_product: 'whatsapp',
      contacts: [{ profile: { name: 'José Müller 😀' }, wa_id: '16505551234' }],
      messages: [
        { from: '16505551234', id: 'wamid.A', type: 'text', text: { body: 'Olá! Ça va? 🎉 https://x.test/a' } },
      ],
    };
    await stack.events.emit(biz.id, 'messages', value);
    await waitFor(() => r.posts.length === 1, 'the POST', 10_000);
    const post = r.posts[0]!;
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers['x-hub-signature-256']).toBe(
      `sha256=${createHmac('sha256', r.appSecret).update(Buffer.from(post.raw, 'utf8')).digest('hex')}`,
    );
    expect(post.signatureOk).toBe(true);
    expect(post.raw).toMatch(/^[\x20-\x7e]+$/);
    expect(post.raw).toContain('Jos\\u00e9 M\\u00fcller \\ud83d\\ude00');
    expect(post.raw).toContain('https:\\/\\/x.test\\/a');
    expect(post.body).toEqual({
      object: 'whatsapp_business_account',
      entry: [{ id: biz.id, changes: [{ value, field: 'messages' }] }],
    });

    // The event log shows the signed bytes and the signature exactly as the receiver got them.
    const { eventId } = await stack.events.emit(biz.id, 'messages', status('wamid.LOGGED', 'sent'));
    await waitFor(() => r.posts.length === 2, 'the second POST', 10_000);
    const logged = r.posts[1]!;
    const detail = await api.call<DeliveryLog>(`/${biz.id}/webhook_events/${eventId}/deliveries`);
    expect(detail.body.data[0]!.log[0]).toMatchObject({
      payload: logged.raw,
      signature: logged.headers['x-hub-signature-256'],
    });
    const listed = await api.call<{ data: { id: string; deliveries: { payload: string; signature: string }[] }[] }>(
      `/${biz.id}/webhook_events`,
    );
    const first = listed.body.data.find((e) => e.id !== eventId)!;
    expect(first.deliveries[0]).toMatchObject({ payload: post.raw, signature: post.headers['x-hub-signature-256'] });
  });

  it('delivers only the fields a subscription asked for', async () => {
    const templates = await receiver();
    const messages = await receiver();
    await api.subscribe(templates, ['message_template_status_update']);
    await api.subscribe(messages, ['messages']);
    await stack.events.emit(biz.id, 'message_template_status_update', { event: 'APPROVED', message_template_id: 1 });
    await stack.events.emit(biz.id, 'messages', status('wamid.F', 'sent'));
    await waitFor(() => templates.posts.length === 1 && messages.posts.length === 1, 'both POSTs', 10_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(templates.accepted().map((c) => c.field)).toEqual(['message_template_status_update']);
    expect(messages.accepted().map((c) => c.field)).toEqual(['messages']);
  });

  it('sends one change per POST by default, each message’s statuses in order', async () => {
    const r = await receiver();
    const subscriptionId = await api.subscribe(r);
    const prisma = stack.api.app.get(PrismaService).client;
    // Pending together, as a burst of statuses is: today's default must still not share a POST between them.
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < 20; i++) {
        for (const s of ['sent', 'delivered', 'read']) {
          await stack.events.emit(biz.id, 'messages', status(`wamid.S${i}`, s), { tx, orderingKey: `wamid.S${i}` });
        }
      }
    });
    await waitFor(() => r.accepted().length >= 60, 'sixty POSTs', 15_000);
    await new Promise((res) => setTimeout(res, 300));
    expect(r.posts).toHaveLength(60);
    for (const post of r.posts) {
      expect(post.signatureOk).toBe(true);
      expect(post.body.entry).toHaveLength(1);
      expect(post.body.entry[0]!.changes).toHaveLength(1);
    }
    const seen = new Map<string, string[]>();
    for (const change of r.accepted()) {
      const { id, status: s } = (change.value.statuses as { id: string; status: string }[])[0]!;
      seen.set(id, [...(seen.get(id) ?? []), s]);
    }
    expect(seen.size).toBe(20);
    for (const statuses of seen.values()) expect(statuses).toEqual(['sent', 'delivered', 'read']);
    const shown = await api.call<{ batching: boolean }>(`/${biz.id}/webhook_subscriptions/${subscriptionId}`);
    expect(shown.body.batching).toBe(false);
  });

  it('batches events pending together into one POST when the subscription opts in, in order, and drops a rolled-back transaction’s events', async () => {
    const r = await receiver();
    const subscriptionId = await api.subscribe(r, ['messages'], { batching: true });
    const shown = await api.call<{ batching: boolean }>(`/${biz.id}/webhook_subscriptions/${subscriptionId}`);
    expect(shown.body.batching).toBe(true);
    const prisma = stack.api.app.get(PrismaService).client;
    // Emitted inside one transaction: they become visible together, so one drain finds all 60 pending.
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i < 60; i++) await stack.events.emit(biz.id, 'messages', status(`wamid.B${i}`, 'sent'), { tx });
    });
    await expect(
      prisma.$transaction(async (tx) => {
        await stack.events.emit(biz.id, 'messages', status('wamid.ROLLED-BACK', 'sent'), { tx });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await waitFor(() => r.accepted().length >= 60, 'the batch', 10_000);
    await new Promise((res) => setTimeout(res, 300));
    const ids = r.accepted().map((c) => (c.value.statuses as { id: string }[])[0]!.id);
    expect(ids).toEqual(Array.from({ length: 60 }, (_, i) => `wamid.B${i}`));
    expect(r.posts.length).toBe(1);
    expect(r.posts[0]!.body.entry).toHaveLength(1);
    expect(r.posts[0]!.body.entry[0]!.changes).toHaveLength(60);
    // Each event's log shows the whole batch it went in, byte for byte.
    const events = await api.call<{ data: { deliveries: { payload: string }[] }[] }>(`/${biz.id}/webhook_events`);
    expect(events.body.data[0]!.deliveries[0]!.payload).toBe(r.posts[0]!.raw);
  });

  it('retries with exponential backoff and full jitter, logging every attempt', async () => {
    const r = await receiver({ respond: () => 500 });
    const subscriptions = [];
    for (let i = 0; i < 8; i++) subscriptions.push(await api.subscribe(r));
    const { eventId } = await stack.events.emit(biz.id, 'messages', status('wamid.R', 'sent'));
    const log = () => api.call<DeliveryLog>(`/${biz.id}/webhook_events/${eventId}/deliveries`);
    // Eight independent chains of retries; base 100 ms, so attempt n waits random(0, 100 × 2^(n-1)) ms.
    await waitFor(async () => (await log()).body.data.every((d) => d.attempts >= 6), 'six attempts each', 40_000);
    r.respond = () => 200;
    await waitFor(async () => (await log()).body.data.every((d) => d.state === 'delivered'), 'delivery', 20_000);

    const { body } = await log();
    expect(body.data.map((d) => d.subscription_id).sort()).toEqual(subscriptions.sort());
    const gaps: number[][] = [];
    for (const d of body.data) {
      expect(d.log.at(-1)).toMatchObject({ status_code: 200, error: null });
      expect(d.log[0]).toMatchObject({ status_code: 500, error: 'HTTP 500: nope', batch_size: 1 });
      const times = d.log.map((a) => Date.parse(a.time));
      for (let n = 1; n < 6; n++) {
        const gap = times[n]! - times[n - 1]! - d.log[n - 1]!.latency_ms;
        gaps[n] = [...(gaps[n] ?? []), gap];
        // Never much longer than the attempt's ceiling (plus the 50 ms retry bucket and a busy machine's slack).
        expect(gap).toBeLessThan(100 * 2 ** (n - 1) + 50 + 1500);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // Ceilings 100, 200, 400, 800, 1600 ms (means 50 … 800): the average wait grows with the attempt number. Compared
    // by differences, as a busy machine adds its scheduling delay to every gap alike.
    expect(mean(gaps[5]!) - mean(gaps[1]!)).toBeGreaterThan(300);
    expect(mean([...gaps[4]!, ...gaps[5]!]) - mean([...gaps[1]!, ...gaps[2]!])).toBeGreaterThan(250);
  }, 90_000);

  it('replays a delivered event, and failed events since a time', async () => {
    const r = await receiver();
    const subscriptionId = await api.subscribe(r);
    const { eventId } = await stack.events.emit(biz.id, 'messages', status('wamid.P', 'read'));
    await waitFor(() => r.posts.length === 1, 'first delivery', 10_000);
    const replay = await api.call<{ success: boolean; replayed: number }>(
      `/${biz.id}/webhook_events/${eventId}/replay`,
      {
        method: 'POST',
        body: {},
      },
    );
    expect(replay.body).toEqual({ success: true, replayed: 1 });
    await waitFor(() => r.posts.length === 2, 'the replay', 10_000);
    expect(r.posts[1]!.body).toEqual(r.posts[0]!.body);

    // Seven days of failures, fast-forwarded: the delivery expires at its next failed attempt and keeps its log.
    const since = Math.floor(Date.now() / 1000) - 1;
    r.respond = () => 503;
    const failed = await stack.events.emit(biz.id, 'messages', status('wamid.Q', 'sent'));
    // At least: with full jitter the next retry can follow within milliseconds, faster than the poll.
    await waitFor(() => r.posts.length >= 3, 'the failing attempt', 10_000);
    const prisma = stack.api.app.get(PrismaService).client;
    await prisma.webhookDelivery.updateMany({
      where: { eventId: BigInt(failed.eventId) },
      data: { expiresAt: new Date() },
    });
    const deliveries = () => api.call<DeliveryLog>(`/${biz.id}/webhook_events/${failed.eventId}/deliveries`);
    await waitFor(async () => (await deliveries()).body.data[0]!.state === 'failed', 'expiry', 10_000);
    const failedLog = (await deliveries()).body.data[0]!;
    expect(failedLog.log.length).toBeGreaterThanOrEqual(2);
    expect(failedLog.log.every((a) => a.status_code === 503)).toBe(true);
    const listed = await api.call<{ data: { id: string }[] }>(`/${biz.id}/webhook_events?state=failed`);
    expect(listed.body.data.map((e) => e.id)).toContain(failed.eventId);

    r.respond = () => 200;
    const posts = r.posts.length;
    const replayed = await api.call<{ replayed: number }>(`/${biz.id}/webhook_events/replay`, {
      method: 'POST',
      body: { since, subscription_id: subscriptionId },
    });
    expect(replayed.body.replayed).toBe(1);
    await waitFor(async () => (await deliveries()).body.data[0]!.state === 'delivered', 'replayed delivery', 10_000);
    expect(r.posts.length).toBe(posts + 1);
    const nothingLeft = await api.call<{ replayed: number }>(`/${biz.id}/webhook_events/replay`, {
      method: 'POST',
      body: { since: new Date(since * 1000).toISOString() },
    });
    expect(nothingLeft.body.replayed).toBe(0);

    // An event whose content retention emptied is never sent again, and its log no longer claims a body.
    await prisma.webhookEvent.update({ where: { id: BigInt(failed.eventId) }, data: { value: '{}' } });
    const emptied = await api.call<{ error: { code: number } }>(`/${biz.id}/webhook_events/${failed.eventId}/replay`, {
      method: 'POST',
      body: {},
    });
    expect(emptied.status).toBe(400);
    expect(emptied.body.error.code).toBe(100);
    expect((await deliveries()).body.data[0]!.log.every((a) => a.payload === null)).toBe(true);
  });
});
