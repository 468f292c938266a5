import { type Operator, Operators } from '@switchboard/testkit/console/operators';
import { waitFor } from '@switchboard/testkit/wait';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { startWebhookStack, type WebhookStack } from '@switchboard/testkit/webhooks/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Events {
  data: { id: string; field: string; deliveries: { state: string; attempts: number; payload: string | null }[] }[];
}
interface Deliveries {
  data: { state: string; attempts: number; log: { status_code: number | null }[] }[];
}

const status = (wamid: string) => ({
  messaging_product: 'whatsapp',
  metadata: { display_phone_number: '15550001111', phone_number_id: '1000000000000001' },
  statuses: [{ id: wamid, status: 'sent', timestamp: '1749416383', recipient_id: '16505551234' }],
});

// The Developers page's webhooks are the business API's: the same handshake, the same log, the same replay.
describe('console webhooks', () => {
  let stack: WebhookStack;
  let businessId: string;
  let owner: Operator;
  const receivers: Receiver[] = [];
  const b = () => `/console/v1/businesses/${businessId}`;
  const receiver = async (options: ConstructorParameters<typeof Receiver>[0] = {}) => {
    const r = await new Receiver(options).start();
    receivers.push(r);
    return r;
  };
  const subscribe = (r: Receiver) =>
    owner.call<{ id: string; error?: { code: number; error_data?: { details: string } } }>(
      'POST',
      `${b()}/webhook_subscriptions`,
      { callback_url: r.url, verify_token: r.verifyToken, app_secret: r.appSecret, fields: ['messages'] },
    );

  beforeAll(async () => {
    stack = await startWebhookStack();
    businessId = (await stack.business()).id;
    owner = await Operators.of(stack.api.app, stack.api.url).owner(businessId);
  }, 120_000);
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await stack?.close();
  });

  it('a subscription is saved only after the handshake; a failed one says why', async () => {
    const refused = await subscribe(await receiver({ handshake: 'wrong-challenge' }));
    expect([refused.status, refused.body.error?.code]).toEqual([400, 100]);
    expect(refused.body.error?.error_data?.details).toMatch(/challenge/i);
    const r = await receiver();
    const created = await subscribe(r);
    expect(created.status).toBe(200);
    expect(r.handshakes).toHaveLength(1);
    const listed = await owner.call<{ data: { id: string }[] }>('GET', `${b()}/webhook_subscriptions`);
    expect(listed.body.data.map((s) => s.id)).toEqual([created.body.id]);
  });

  it('the event log shows the sent payload and attempts; one event and the failed ones in a range replay', async () => {
    const r = receivers.at(-1)!;
    const { eventId } = await stack.events.emit(businessId, 'messages', status('wamid.CONSOLE'));
    await waitFor(() => r.posts.length === 1, 'the POST', 10_000);
    const events = () => owner.call<Events>('GET', `${b()}/webhook_events`);
    await waitFor(async () => (await events()).body.data[0]?.deliveries[0]?.state === 'delivered', 'delivered');
    const logged = (await events()).body.data.find((e) => e.id === eventId)!;
    expect(logged.deliveries[0]!.payload).toBe(r.posts[0]!.raw);
    const deliveries = await owner.call<Deliveries>('GET', `${b()}/webhook_events/${eventId}/deliveries`);
    expect(deliveries.body.data[0]!.log.map((a) => a.status_code)).toEqual([200]);

    const replay = await owner.call<{ replayed: number }>('POST', `${b()}/webhook_events/${eventId}/replay`, {});
    expect(replay.body.replayed).toBe(1);
    await waitFor(() => r.posts.length === 2, 'the replayed POST', 10_000);

    const since = new Date(Date.now() - 60_000).toISOString();
    const range = await owner.call<{ replayed: number }>('POST', `${b()}/webhook_events/replay`, { since });
    expect([range.status, range.body.replayed]).toEqual([200, 0]);
    const backwards = await owner.call<{ error: { code: number } }>('POST', `${b()}/webhook_events/replay`, {
      since,
      until: new Date(Date.now() - 120_000).toISOString(),
    });
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 100]);
  });
});
