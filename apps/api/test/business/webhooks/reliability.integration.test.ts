import { waitFor } from '@switchboard/testkit/wait';
import { type Business, businessApi } from '@switchboard/testkit/webhooks/api';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { startWebhookStack, type WebhookStack } from '@switchboard/testkit/webhooks/stack';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const STATUSES = ['sent', 'delivered', 'read'] as const;
const statusValue = (wamid: string, status: string) => ({
  messaging_product: 'whatsapp',
  metadata: { display_phone_number: '15550001111', phone_number_id: '1000000000000001' },
  statuses: [{ id: wamid, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '16505551234' }],
});

/** Counts what a receiver acknowledged: which (message, status) pairs are missing and how many came out of order. */
function audit(receiver: Receiver, wamids: string[]) {
  const highest = new Map<string, number>();
  const seen = new Set<string>();
  let outOfOrder = 0;
  for (const change of receiver.accepted()) {
    const s = (change.value.statuses as { id: string; status: string }[] | undefined)?.[0];
    if (!s) continue;
    const rank = STATUSES.indexOf(s.status as (typeof STATUSES)[number]);
    if (rank < (highest.get(s.id) ?? -1)) outOfOrder++;
    highest.set(s.id, Math.max(rank, highest.get(s.id) ?? -1));
    seen.add(`${s.id}/${s.status}`);
  }
  const lost = wamids.flatMap((w) => STATUSES.filter((s) => !seen.has(`${w}/${s}`)).map((s) => `${w}/${s}`));
  return { lost, outOfOrder };
}

/** Each message's statuses one after another (as the core reports them), many messages at once. */
async function emitStatuses(stack: WebhookStack, businessId: string, wamids: string[], concurrency = 24) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < wamids.length) {
        const wamid = wamids[next++]!;
        for (const status of STATUSES) {
          await stack.events.emit(businessId, 'messages', statusValue(wamid, status), { orderingKey: wamid });
        }
      }
    }),
  );
}

describe('webhook delivery under failures', () => {
  let stack: WebhookStack;
  let biz: Business;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    stack = await startWebhookStack({ WEBHOOK_RETRY_BASE_MS: '10', WEBHOOK_RETRY_MAX_MS: '200' }, { workers: 2 });
  });
  beforeEach(async () => {
    biz = await stack.business();
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await stack?.close();
  });

  it.each([
    { batching: false, mode: 'one change per POST' },
    { batching: true, mode: 'batched' },
  ])(
    'gets every event to a receiver failing half the time, each message’s statuses in order ($mode)',
    async ({ batching }) => {
      const receiver = await new Receiver({ respond: () => (Math.random() < 0.5 ? 500 : 200) }).start();
      receivers.push(receiver);
      await businessApi(stack, biz).subscribe(receiver, ['messages'], { batching });
      const wamids = Array.from({ length: 150 }, (_, i) => `wamid.HALF${i}`);
      const inbound = Array.from({ length: 40 }, (_, i) =>
        stack.events.emit(biz.id, 'messages', {
          messaging_product: 'whatsapp',
          messages: [{ id: `wamid.IN${i}`, type: 'text' }],
        }),
      );
      await Promise.all([emitStatuses(stack, biz.id, wamids), ...inbound]);

      await waitFor(() => audit(receiver, wamids).lost.length === 0, 'every status acknowledged', 60_000);
      const { lost, outOfOrder } = audit(receiver, wamids);
      expect(lost).toEqual([]);
      expect(outOfOrder).toBe(0);
      await waitFor(() => receiver.accepted().filter((c) => c.value.messages).length >= 40, 'inbound messages', 10_000);
      expect(receiver.posts.every((p) => p.signatureOk)).toBe(true);
      expect(receiver.posts.filter((p) => p.status === 500).length).toBeGreaterThan(5);
      const mostChanges = Math.max(...receiver.posts.map((p) => p.body.entry[0]!.changes.length));
      if (batching) expect(mostChanges).toBeGreaterThan(1);
      else expect(receiver.posts.every((p) => p.body.entry.length === 1 && mostChanges === 1)).toBe(true);
    },
    120_000,
  );

  it('loses nothing when Redis is flushed mid-run: the sweeper re-finds undelivered events in Postgres', async () => {
    const receiver = await new Receiver({ respond: () => 500 }).start();
    receivers.push(receiver);
    await businessApi(stack, biz).subscribe(receiver);
    const wamids = Array.from({ length: 120 }, (_, i) => `wamid.FLUSH${i}`);
    // Everything fails at first, so the work sits in Postgres with its next attempts only in Redis (delayed jobs).
    await emitStatuses(stack, biz.id, wamids, 8);
    await waitFor(() => receiver.posts.length >= 10, 'failing attempts', 10_000);
    await stack.flushRedis(); // queues, delayed retries and wake counters: all gone, and nothing new is emitted
    receiver.respond = (n) => (n % 3 === 0 ? 500 : 200);
    await waitFor(() => receiver.accepted().length > 0, 'deliveries resumed by the sweeper', 10_000);
    await stack.flushRedis(); // and again while the backlog drains
    await waitFor(
      () => audit(receiver, wamids).lost.length === 0,
      'every status acknowledged after the flushes',
      30_000,
    );
    expect(audit(receiver, wamids).outOfOrder).toBe(0);
    expect(receiver.posts.every((p) => p.signatureOk)).toBe(true);
  }, 120_000);
});
