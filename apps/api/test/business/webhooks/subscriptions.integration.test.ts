import { contractFetch } from '@switchboard/contract';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { startWebhookStack, type WebhookStack } from '@switchboard/testkit/webhooks/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Subscription {
  id: string;
  callback_url: string;
  fields: string[];
}
interface GraphError {
  error: { code: number; message: string; error_data?: { details: string } };
}

describe('webhook subscriptions', () => {
  let stack: WebhookStack;
  let receiver: Receiver;
  let biz: { id: string; headers: Record<string, string> };
  let other: { id: string; headers: Record<string, string> };
  const call = <T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    contractFetch<T>(`${stack.api.url}/v23.0${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.headers ?? biz.headers),
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(init.body !== undefined && { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
  const create = (overrides: Record<string, unknown> = {}, headers = biz.headers, waba = biz.id) =>
    call<Subscription & GraphError>(`/${waba}/webhook_subscriptions`, {
      method: 'POST',
      headers,
      body: {
        callback_url: receiver.url,
        verify_token: receiver.verifyToken,
        app_secret: receiver.appSecret,
        fields: ['messages'],
        ...overrides,
      },
    });

  beforeAll(async () => {
    stack = await startWebhookStack();
    receiver = await new Receiver().start();
    biz = await stack.business();
    other = await stack.business();
  });
  afterAll(async () => {
    await receiver?.close();
    await stack?.close();
  });

  it('verifies the callback with Meta’s GET handshake before saving', async () => {
    const res = await create({ fields: 'messages, message_template_status_update' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      object: 'whatsapp_business_account',
      callback_url: receiver.url,
      fields: ['messages', 'message_template_status_update'],
      active: true,
    });
    expect(res.text).not.toContain(receiver.appSecret);
    const hs = receiver.handshakes.at(-1)!;
    expect(hs.get('hub.mode')).toBe('subscribe');
    expect(hs.get('hub.verify_token')).toBe(receiver.verifyToken);
    expect(hs.get('hub.challenge')).toMatch(/^[0-9]+$/);
  });

  it('refuses with code 100 when the handshake fails, saying why', async () => {
    const before = (await call<{ data: unknown[] }>(`/${biz.id}/webhook_subscriptions`)).body.data.length;
    const wrongToken = await create({ verify_token: 'not-the-token' });
    expect(wrongToken.status).toBe(400);
    expect(wrongToken.body.error.code).toBe(100);
    expect(wrongToken.body.error.error_data?.details).toMatch(/HTTP 403/);

    receiver.handshake = 'wrong-challenge';
    const noEcho = await create();
    receiver.handshake = 'echo';
    expect(noEcho.body.error.error_data?.details).toMatch(/did not echo hub.challenge/);

    const closed = await new Receiver().start();
    const url = closed.url;
    await closed.close();
    const unreachable = await create({ callback_url: url });
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.error.error_data?.details).toMatch(
      /verification request to callback_url failed: ECONNREFUSED/,
    );
    expect((await call<{ data: unknown[] }>(`/${biz.id}/webhook_subscriptions`)).body.data).toHaveLength(before);
  });

  it('lists, reads, updates (re-verifying a new URL) and deletes', async () => {
    const created = (await create()).body;
    const list = await call<{ data: Subscription[] }>(`/${biz.id}/webhook_subscriptions?limit=100`);
    expect(list.body.data.map((s) => s.id)).toContain(created.id);
    expect((await call<Subscription>(`/${biz.id}/webhook_subscriptions/${created.id}`)).body.id).toBe(created.id);

    const second = await new Receiver({ verifyToken: receiver.verifyToken }).start('/hook2');
    const handshakes = second.handshakes.length;
    const updated = await call<Subscription>(`/${biz.id}/webhook_subscriptions/${created.id}`, {
      method: 'POST',
      body: { callback_url: second.url, fields: ['message_template_status_update'] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ callback_url: second.url, fields: ['message_template_status_update'] });
    expect(second.handshakes.length).toBe(handshakes + 1); // verified with the stored token

    second.handshake = 'forbidden';
    const refused = await call<GraphError>(`/${biz.id}/webhook_subscriptions/${created.id}`, {
      method: 'POST',
      body: { verify_token: 'rotated' },
    });
    expect(refused.body.error.code).toBe(100);
    await second.close();

    const deleted = await call<{ success: boolean }>(`/${biz.id}/webhook_subscriptions/${created.id}`, {
      method: 'DELETE',
    });
    expect(deleted.body).toEqual({ success: true });
    expect((await call(`/${biz.id}/webhook_subscriptions/${created.id}`)).status).toBe(404);
  });

  it('answers another business’s subscriptions and events with 404, as if they did not exist', async () => {
    const mine = (await create()).body;
    const { eventId } = await stack.events.emit(biz.id, 'messages', { messaging_product: 'whatsapp' });
    const as = { headers: other.headers };
    for (const res of [
      await call(`/${other.id}/webhook_subscriptions/${mine.id}`, as),
      await call(`/${other.id}/webhook_subscriptions/${mine.id}`, {
        ...as,
        method: 'POST',
        body: { fields: ['messages'] },
      }),
      await call(`/${other.id}/webhook_subscriptions/${mine.id}`, { ...as, method: 'DELETE' }),
      await call(`/${other.id}/webhook_events/${eventId}/deliveries`, as),
      await call(`/${other.id}/webhook_events/${eventId}/replay`, { ...as, method: 'POST', body: {} }),
      await call(`/${other.id}/webhook_events/replay`, {
        ...as,
        method: 'POST',
        body: { since: 0, subscription_id: mine.id },
      }),
      await call(`/${biz.id}/webhook_subscriptions`, as), // the other business's key on this WABA
    ]) {
      expect(res.status).toBe(404);
      expect((res.body as GraphError).error.code).toBe(100);
    }
    const theirs = await call<{ data: Subscription[] }>(`/${other.id}/webhook_subscriptions`, as);
    expect(theirs.body.data).toEqual([]);
    const theirEvents = await call<{ data: unknown[] }>(`/${other.id}/webhook_events`, as);
    expect(theirEvents.body.data).toEqual([]);
    expect((await call(`/${biz.id}/webhook_subscriptions/${mine.id}`)).status).toBe(200);
  });

  it('answers malformed bodies with code 100 naming the field, never a 500', async () => {
    const cases: [unknown, RegExp][] = [
      [{ verify_token: 'v', app_secret: 'x'.repeat(16), fields: ['messages'] }, /^callback_url: /],
      [
        { callback_url: 'ftp://x.test/', verify_token: 'v', app_secret: 'x'.repeat(16), fields: ['messages'] },
        /^callback_url: expected an https or http URL/,
      ],
      [{ callback_url: receiver.url, verify_token: 'v', app_secret: 'short', fields: ['messages'] }, /^app_secret: /],
      [
        { callback_url: receiver.url, verify_token: '', app_secret: 'x'.repeat(16), fields: ['messages'] },
        /^verify_token: /,
      ],
      [
        { callback_url: receiver.url, verify_token: 'v', app_secret: 'x'.repeat(16), fields: ['nope'] },
        /^fields\[0\]: /,
      ],
      [{ callback_url: receiver.url, verify_token: 'v', app_secret: 'x'.repeat(16), fields: [] }, /^fields: /],
      [{ callback_url: 42, verify_token: 'v', app_secret: 'x'.repeat(16), fields: ['messages'] }, /^callback_url: /],
      [
        {
          object: 'page',
          callback_url: receiver.url,
          verify_token: 'v',
          app_secret: 'x'.repeat(16),
          fields: ['messages'],
        },
        /^object: /,
      ],
      ['[1,2', /JSON/i],
      [[], /^body: /],
    ];
    for (const [body, details] of cases) {
      const res = await call<GraphError>(`/${biz.id}/webhook_subscriptions`, { method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe(100);
      expect(res.body.error.error_data?.details).toMatch(details);
    }
    const sub = (await create()).body;
    const update = await call<GraphError>(`/${biz.id}/webhook_subscriptions/${sub.id}`, { method: 'POST', body: {} });
    expect(update.body.error.error_data?.details).toMatch(/^body: expected at least one of/);
    const replay = await call<GraphError>(`/${biz.id}/webhook_events/replay`, {
      method: 'POST',
      body: { since: 'yesterday' },
    });
    expect(replay.body.error.error_data?.details).toMatch(/^since: /);
    const badId = await call<GraphError>(`/${biz.id}/webhook_events/abc/deliveries`);
    expect(badId.body.error.error_data?.details).toMatch(/^event_id: /);
  });
});
