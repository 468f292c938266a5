import { Router } from '@switchboard/business/inbox/routing/router';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { Operators } from '@switchboard/testkit/console/operators';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { recordInbound } from '@switchboard/testkit/inbox/redeliver';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Conversation = {
  id: string;
  wa_id: string;
  status: string;
  unread_count: number;
  assignee: { type: string; id: string } | null;
  window: { open: boolean; seconds_left: number };
};
type ThreadMessage = { id: string; direction: string; type: string; status: string; context?: { id: string } };
type Consumer = Awaited<ReturnType<typeof consumerDevice>>;

// The inbox on the real stack: the API, the worker's business device, Postgres, Redis and SDK consumer devices.
describe('the shared inbox', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let bizAccountId: string;
  let operators: Operators;
  const consumers: Consumer[] = [];

  const conversationOf = async (b: TestBusiness, waId: string) => {
    const res = await b.call<{ data: Conversation[] }>('GET', `/${b.id}/conversations?limit=100`);
    expect(res.status).toBe(200);
    return res.body.data.find((c) => c.wa_id === waId);
  };
  const thread = async (b: TestBusiness, id: string) =>
    (await b.call<{ data: ThreadMessage[] }>('GET', `/${b.id}/conversations/${id}/messages`)).body.data;
  const consumer = async (name = 'Pablo') => {
    const c = await consumerDevice(stack.api, name);
    await c.connect();
    consumers.push(c);
    return c;
  };
  /** Writes to the business and waits until the inbox counted it. */
  const write = async (b: TestBusiness, to: string, c: Consumer, text: string, unread: number) => {
    await c.reply(to, text);
    await waitFor(
      async () => (await conversationOf(b, c.waId))?.unread_count === unread,
      `unread ${unread} after "${text}"`,
    );
    return (await conversationOf(b, c.waId))!;
  };
  const agent = async (b: TestBusiness) => {
    const owner = await operators.owner(b.id);
    const member = await operators.invited(owner, b.id, 'agent');
    return (await stack.prisma.consoleUser.findUniqueOrThrow({ where: { email: member.email } })).id;
  };

  beforeAll(async () => {
    stack = await startBusinessStack({
      worker: true,
      env: {
        TEMPLATE_REVIEW: 'manual',
        OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
        OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
      },
    });
    operators = Operators.of(stack.api.app, stack.api.url);
    biz = await stack.business();
    const created = await biz.call<{ id: string }>('POST', `/${biz.id}/message_templates`, {
      name: 'order_shipped',
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hello {{1}}, your order has shipped.', example: { body_text: [['Pablo']] } }],
    });
    expect((await biz.review(created.body.id, { decision: 'APPROVED' })).status).toBe(200);
    bizAccountId = await stack.provisioned(biz.phoneNumberId);
  }, 60_000);

  afterAll(async () => {
    for (const c of consumers) await c.close();
    await stack?.close();
  });

  it('an inbound message creates a conversation; a later one reopens it once resolved and wakes it from a snooze', async () => {
    const pablo = await consumer();
    const first = await write(biz, bizAccountId, pablo, 'Hello?', 1);
    expect(first).toMatchObject({ status: 'open', assignee: null, window: { open: true } });
    expect(first.window.seconds_left).toBeGreaterThan(86_000);
    expect((await thread(biz, first.id)).map((m) => [m.direction, m.type])).toEqual([['inbound', 'text']]);

    const resolved = await biz.call<Conversation>('POST', `/${biz.id}/conversations/${first.id}/status`, {
      status: 'resolved',
    });
    expect(resolved.body.status).toBe('resolved');
    const reopened = await write(biz, bizAccountId, pablo, 'Me again', 2);
    expect(reopened).toMatchObject({ id: first.id, status: 'open' });

    const snoozed = await biz.call<Conversation>('POST', `/${biz.id}/conversations/${first.id}/status`, {
      status: 'snoozed',
    });
    expect(snoozed.body.status).toBe('snoozed');
    expect((await write(biz, bizAccountId, pablo, 'Still there?', 3)).status).toBe('open');

    // A resolved conversation cannot be parked: the Graph error, not a 500.
    await biz.call('POST', `/${biz.id}/conversations/${first.id}/status`, { status: 'resolved' });
    const refused = await biz.call<{ error: { code: number } }>('POST', `/${biz.id}/conversations/${first.id}/status`, {
      status: 'pending',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(100);
  });

  it('a timed snooze wakes at its time, with no message', async () => {
    const kim = await consumer('Kim');
    const c = await write(biz, bizAccountId, kim, 'Call me tomorrow', 1);
    const until = new Date(Date.now() + 1_000).toISOString();
    const snoozed = await biz.call<Conversation>('POST', `/${biz.id}/conversations/${c.id}/status`, {
      status: 'snoozed',
      snoozed_until: until,
    });
    expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozed_until: until });
    await waitFor(
      async () => (await biz.call<Conversation>('GET', `/${biz.id}/conversations/${c.id}`)).body.status === 'open',
      'the snooze woken by time',
    );
  });

  it('a redelivered inbound message counts once', async () => {
    const recorder = recordInbound(stack.workers!);
    try {
      const ana = await consumer('Ana');
      const c = await write(biz, bizAccountId, ana, 'Once', 1);
      await recorder.redeliverFrom(ana.accountId);
      expect((await conversationOf(biz, ana.waId))!.unread_count).toBe(1);
      expect(await thread(biz, c.id)).toHaveLength(1);
    } finally {
      recorder.stop();
    }
  });

  it("an agent's quoted reply reaches the consumer; the thread shows ✓✓ then read; mark read sends the receipt", async () => {
    const lea = await consumer('Lea');
    const c = await write(biz, bizAccountId, lea, 'Where is my order?', 1);
    const [inbound] = await thread(biz, c.id);
    const agentId = await agent(biz);

    const sent = await biz.call<{ messages: { id: string }[]; conversation: Conversation }>(
      'POST',
      `/${biz.id}/conversations/${c.id}/messages`,
      { agent_id: agentId, type: 'text', text: { body: 'On its way.' }, context: { message_id: inbound!.id } },
    );
    expect(sent.status).toBe(200);
    expect(sent.body.conversation.assignee).toEqual({ type: 'user', id: agentId });
    const wamid = sent.body.messages[0]!.id;
    await waitFor(async () => lea.messages.some((m) => m.text === 'On its way.'), 'the reply at the consumer');
    const statusOf = async () => (await thread(biz, c.id)).find((m) => m.id === wamid);
    await waitFor(async () => (await statusOf())?.status === 'delivered', 'delivered (✓✓) in the thread');
    expect((await statusOf())!.context).toEqual({ id: inbound!.id });
    const got = lea.messages.find((m) => m.text === 'On its way.')!;
    await lea.messenger.markRead(bizAccountId, [got.messageId], got.serverTimestamp);
    await waitFor(async () => (await statusOf())?.status === 'read', 'read in the thread');

    const read = await biz.call<Conversation>('POST', `/${biz.id}/conversations/${c.id}/read`, {});
    expect(read.body.unread_count).toBe(0);
    await waitFor(async () => lea.receipts.some((r) => r.kind === 'read'), 'the read receipt at the consumer');
  });

  it('outside the window a free-form reply is refused at once with 131047; a template is sent', async () => {
    const max = await consumer('Max');
    const c = await write(biz, bizAccountId, max, 'Hi', 1);
    const old = new Date(Date.now() - 25 * 3600_000);
    await stack.prisma.contact.updateMany({
      where: { businessId: biz.id, waId: max.waId },
      data: { lastInboundAt: old },
    });
    await stack.prisma.conversation.update({ where: { id: c.id }, data: { lastInboundAt: old } });
    const shown = await biz.call<Conversation>('GET', `/${biz.id}/conversations/${c.id}`);
    expect(shown.body.window).toEqual({ open: false, expires_time: null, seconds_left: 0 });

    const refused = await biz.call<{ error: { code: number; error_data: { details: string } } }>(
      'POST',
      `/${biz.id}/conversations/${c.id}/messages`,
      { type: 'text', text: { body: 'Hello again' } },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(131047);
    expect(refused.body.error.error_data.details).toMatch(/template/);

    const templated = await biz.call<{ messages: { id: string }[] }>(
      'POST',
      `/${biz.id}/conversations/${c.id}/messages`,
      {
        type: 'template',
        template: {
          name: 'order_shipped',
          language: { code: 'en_US' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'Max' }] }],
        },
      },
    );
    expect(templated.status).toBe(200);
    await waitFor(
      async () => max.messages.some((m) => m.text === 'Hello Max, your order has shipped.'),
      'the template',
    );
  });

  it('automatic assignment serves the queue in arrival order within each agent’s capacity', async () => {
    // A business of its own: its queue holds only this test's conversations.
    const shop = await stack.business();
    const shopAccount = await stack.provisioned(shop.phoneNumberId);
    const [a, b, c] = [await consumer('A'), await consumer('B'), await consumer('C')];
    const first = await write(shop, shopAccount, a, 'first', 1);
    const second = await write(shop, shopAccount, b, 'second', 1);
    const third = await write(shop, shopAccount, c, 'third', 1);
    const agentA = await agent(shop);
    const agentB = await agent(shop);
    const assignee = async (id: string) =>
      (await shop.call<Conversation>('GET', `/${shop.id}/conversations/${id}`)).body.assignee?.id ?? null;

    const on = await shop.call('POST', `/${shop.id}/inbox_agents/${agentA}`, { available: true, capacity: 1 });
    expect(on.body).toMatchObject({ available: true, capacity: 1, load: 1 });
    expect([await assignee(first.id), await assignee(second.id), await assignee(third.id)]).toEqual([
      agentA,
      null,
      null,
    ]);
    const queue = await shop.call<{ data: Conversation[] }>('GET', `/${shop.id}/conversations?assignee=unassigned`);
    expect(queue.body.data.map((x) => x.id).sort()).toEqual([second.id, third.id].sort());

    // Room frees up: the oldest waiting conversation is next, not the newest.
    await shop.call('POST', `/${shop.id}/conversations/${first.id}/status`, { status: 'resolved' });
    expect([await assignee(second.id), await assignee(third.id)]).toEqual([agentA, null]);
    await shop.call('POST', `/${shop.id}/inbox_agents/${agentB}`, { available: true, capacity: 1 });
    expect(await assignee(third.id)).toBe(agentB);

    // Manual transfer, and a human reply takes the conversation from a bot.
    const moved = await shop.call<Conversation>('POST', `/${shop.id}/conversations/${third.id}/assignment`, {
      assignee: { type: 'bot', id: 'order-bot' },
    });
    expect(moved.body.assignee).toEqual({ type: 'bot', id: 'order-bot' });
    const replied = await shop.call<{ conversation: Conversation }>(
      'POST',
      `/${shop.id}/conversations/${third.id}/messages`,
      {
        agent_id: agentB,
        type: 'text',
        text: { body: 'A person here.' },
      },
    );
    expect(replied.body.conversation.assignee).toEqual({ type: 'user', id: agentB });
  });

  it('routers running at once never give an agent more than its capacity, and serve the oldest first', async () => {
    const shop = await stack.business();
    const shopAccount = await stack.provisioned(shop.phoneNumberId);
    const waiting: Conversation[] = [];
    for (const name of ['W', 'X', 'Y', 'Z'])
      waiting.push(await write(shop, shopAccount, await consumer(name), name, 1));
    const [one, two] = [await agent(shop), await agent(shop)];
    // Available behind the API's back, so that only the routers below assign.
    await stack.prisma.inboxAgent.createMany({
      data: [one, two].map((userId) => ({ businessId: shop.id, userId, available: true, capacity: 1 })),
    });
    const router = stack.api.app.get(Router);
    const assigned = await Promise.all(Array.from({ length: 8 }, () => router.route(shop.id)));
    expect(assigned.reduce((a, b) => a + b, 0)).toBe(2);
    const rows = await stack.prisma.conversation.findMany({ where: { businessId: shop.id } });
    const holder = new Map(rows.map((r) => [r.id, r.assigneeId]));
    expect(waiting.map((c) => holder.get(c.id) !== null)).toEqual([true, true, false, false]);
    expect(new Set([holder.get(waiting[0]!.id), holder.get(waiting[1]!.id)])).toEqual(new Set([one, two]));
  });

  it('answers what a client gets wrong with the Graph error shape', async () => {
    const missing = await biz.call<{ error: { code: number; fbtrace_id: string } }>(
      'GET',
      `/${biz.id}/conversations/1000000000999999`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 100, fbtrace_id: expect.any(String) });
    const badFilter = await biz.call('GET', `/${biz.id}/conversations?status=closed`);
    expect(badFilter.status).toBe(400);
    const { data } = (await biz.call<{ data: Conversation[] }>('GET', `/${biz.id}/conversations?limit=1`)).body;
    const id = data[0]!.id;
    for (const body of [
      { status: 'read', message_id: 'wamid.x' },
      { text: { body: 'no type' } },
      { type: 'text', text: { body: 'x' }, canned_response: { id: 'abc' } },
    ]) {
      const res = await biz.call<{ error: { code: number } }>('POST', `/${biz.id}/conversations/${id}/messages`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe(100);
    }
    const notAgent = await biz.call('POST', `/${biz.id}/conversations/${id}/assignment`, {
      assignee: { type: 'user', id: 'nobody' },
    });
    expect(notAgent.status).toBe(400);
    const badSnooze = await biz.call('POST', `/${biz.id}/conversations/${id}/status`, {
      status: 'open',
      snoozed_until: new Date().toISOString(),
    });
    expect(badSnooze.status).toBe(400);
  });

  it('notes, labels and canned responses with variables', async () => {
    const zoe = await consumer('Zoe');
    const c = await write(biz, bizAccountId, zoe, 'Hi there', 1);
    const panel = await biz.call<{
      contact: { profile_name: string; window_expires_time: string | null };
      campaigns: unknown[];
    }>('GET', `/${biz.id}/conversations/${c.id}/contact`);
    expect(panel.body.contact).toMatchObject({ profile_name: 'Zoe', window_expires_time: expect.any(String) });
    expect(panel.body.campaigns).toEqual([]);
    const note = await biz.call('POST', `/${biz.id}/conversations/${c.id}/notes`, { body: 'VIP customer' });
    expect(note.status).toBe(200);
    const notes = await biz.call<{ data: { body: string }[] }>('GET', `/${biz.id}/conversations/${c.id}/notes`);
    expect(notes.body.data.map((n) => n.body)).toEqual(['VIP customer']);

    const labelled = await biz.call<Conversation & { labels: string[]; priority: string }>(
      'POST',
      `/${biz.id}/conversations/${c.id}`,
      { add_labels: ['billing'], priority: 'high' },
    );
    expect(labelled.body).toMatchObject({ labels: ['billing'], priority: 'high' });
    const byLabel = await biz.call<{ data: Conversation[] }>('GET', `/${biz.id}/conversations?label=billing`);
    expect(byLabel.body.data.map((x) => x.id)).toEqual([c.id]);

    const canned = await biz.call<{ id: string }>('POST', `/${biz.id}/canned_responses`, {
      short_code: 'hello',
      content: 'Hi {{contact.name}}, your ticket is {{ticket}}.',
    });
    expect(canned.status).toBe(200);
    const sent = await biz.call('POST', `/${biz.id}/conversations/${c.id}/messages`, {
      canned_response: { id: canned.body.id, variables: { ticket: 'T-9' } },
    });
    expect(sent.status).toBe(200);
    await waitFor(async () => zoe.messages.some((m) => m.text === 'Hi Zoe, your ticket is T-9.'), 'the canned reply');
  });
});
