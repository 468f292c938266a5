import { LiveInbox } from '@switchboard/business/inbox/live/live-inbox';
import { type RunningApi, startApi } from '@switchboard/testkit/api';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { type Operator, Operators } from '@switchboard/testkit/console/operators';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { LiveStream } from '@switchboard/testkit/inbox/live-stream';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

type Conversation = { id: string; wa_id: string; status: string; assignee: { type: string; id: string } | null };
type Consumer = Awaited<ReturnType<typeof consumerDevice>>;
type MessageData = { conversation: Conversation; message: { id: string; direction: string; text?: { body: string } } };

// The inbox live: agents' event streams on two API nodes, a worker's business device and SDK consumer devices.
describe('the inbox live', () => {
  let stack: BusinessStack;
  let second: RunningApi;
  let biz: TestBusiness;
  let bizAccountId: string;
  let owner: Operator;
  let agent: Operator;
  let agentId: string;
  const streams: LiveStream[] = [];
  const consumers: Consumer[] = [];

  const eventsUrl = (api: RunningApi, businessId = biz.id) =>
    `${api.url}/console/v1/businesses/${businessId}/inbox/events`;
  const follow = async (api: RunningApi, who: Operator, lastEventId?: string, businessId?: string) => {
    const s = await LiveStream.open(eventsUrl(api, businessId), who.cookie, lastEventId);
    expect(s.status).toBe(200);
    streams.push(s);
    await s.next('ready');
    return s;
  };
  const consumer = async (name: string) => {
    const c = await consumerDevice(stack.api, name);
    await c.connect();
    consumers.push(c);
    return c;
  };
  const inboundText = (s: LiveStream, text: string) =>
    s.next('message', (d) => (d as MessageData).message.text?.body === text);
  const userId = async (who: Operator) =>
    (await stack.prisma.consoleUser.findUniqueOrThrow({ where: { email: who.email } })).id;
  const stored = (s: LiveStream) => s.events.filter((e) => e.id !== undefined);

  beforeAll(async () => {
    stack = await startBusinessStack({
      worker: true,
      env: { OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000', OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000' },
    });
    // A second API node of the same stack: events cross nodes through Redis.
    second = await startApi(stack.env);
    biz = await stack.business();
    const operators = Operators.of(stack.api.app, stack.api.url);
    owner = await operators.owner(biz.id);
    agent = await operators.invited(owner, biz.id, 'agent');
    agentId = await userId(agent);
    bizAccountId = await stack.provisioned(biz.phoneNumberId);
    // These cases watch an unassigned queue: the agents here follow the inbox without taking conversations.
    for (const user of [agentId, await userId(owner)])
      await biz.call('POST', `/${biz.id}/inbox_agents/${user}`, { available: false, capacity: 0 });
  }, 90_000);

  // Each case starts with nobody connected (presence counts connections).
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await waitFor(
      () => stack.api.app.get(LiveInbox).connections(biz.id) + second.app.get(LiveInbox).connections(biz.id) === 0,
      'every stream closed',
    );
  });

  afterAll(async () => {
    for (const c of consumers) await c.close();
    await second?.close();
    await stack?.close();
  });

  it('an inbound message, an assignment and a reply with its ✓✓ reach agents on both nodes, in the same order', async () => {
    const a = await follow(stack.api, owner);
    const b = await follow(second, agent);
    const pablo = await consumer('Pablo');
    await pablo.reply(bizAccountId, 'Hello, anyone?');
    const [seenA, seenB] = await Promise.all([inboundText(a, 'Hello, anyone?'), inboundText(b, 'Hello, anyone?')]);
    const { conversation, message } = seenA.data as MessageData;
    expect(message.direction).toBe('inbound');
    expect(conversation).toMatchObject({ wa_id: pablo.waId, status: 'open' });
    expect(seenB.id).toBe(seenA.id);

    const assigned = await biz.call('POST', `/${biz.id}/conversations/${conversation.id}/assignment`, {
      assignee: { type: 'user', id: agentId },
    });
    expect(assigned.status).toBe(200);
    await b.next('conversation', (d) => (d.conversation as Conversation).assignee?.id === agentId);

    const sent = await biz.call<{ messages: { id: string }[] }>(
      'POST',
      `/${biz.id}/conversations/${conversation.id}/messages`,
      { agent_id: agentId, type: 'text', text: { body: 'Here to help.' } },
    );
    expect(sent.status).toBe(200);
    const wamid = sent.body.messages[0]!.id;
    await b.next('message', (d) => (d as MessageData).message.id === wamid);
    for (const status of ['sent', 'delivered'])
      await b.next(
        'message_status',
        (d) => d.status === status && (d.messages as { id: string }[]).some((m) => m.id === wamid),
      );
    // The same stored events, numbered without gaps, on both nodes.
    await waitFor(() => stored(a).length === stored(b).length, 'both streams level');
    expect(stored(a).map((e) => e.id)).toEqual(stored(b).map((e) => e.id));
    const ids = stored(b).map((e) => Number(e.id));
    expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
  });

  it('a stream that reconnects with its Last-Event-ID gets exactly what it missed, in order, once', async () => {
    const stay = await follow(stack.api, owner);
    const leave = await follow(second, agent);
    const kim = await consumer('Kim');
    await kim.reply(bizAccountId, 'first');
    await inboundText(leave, 'first');
    const cursor = leave.lastEventId!;
    leave.close();
    for (const text of ['second', 'third', 'fourth']) await kim.reply(bizAccountId, text);
    await inboundText(stay, 'fourth');
    const back = await follow(second, agent, cursor);
    await inboundText(back, 'fourth');
    const afterCursor = stored(stay).filter((e) => BigInt(e.id!) > BigInt(cursor));
    await waitFor(() => stored(back).length >= afterCursor.length, 'the missed events replayed');
    expect(stored(back).map((e) => e.id)).toEqual(afterCursor.map((e) => e.id));
    expect(
      back
        .of('message')
        .map((e) => (e.data as MessageData).message.text?.body)
        .filter((t) => t !== undefined),
    ).toEqual(['second', 'third', 'fourth']);
    expect((back.of('ready')[0]!.data as { reset: boolean }).reset).toBe(false);
  });

  it('presence follows the agent’s connections; typing reaches the other agents; a bad cursor is refused', async () => {
    const watcher = await follow(stack.api, owner);
    const tab1 = await follow(second, agent);
    await watcher.next('presence', (d) => d.user_id === agentId && d.status === 'online');
    const tab2 = await follow(stack.api, agent);
    const away = await agent.call<{ status: string }>('POST', `/console/v1/businesses/${biz.id}/inbox/presence`, {
      status: 'away',
    });
    expect(away.body.status).toBe('away');
    await watcher.next('presence', (d) => d.user_id === agentId && d.status === 'away');
    await agent.call('POST', `/console/v1/businesses/${biz.id}/inbox/presence`, { status: 'online' });

    const conversation = (await stack.prisma.conversation.findFirstOrThrow({ where: { businessId: biz.id } })).id;
    const typing = await agent.call('POST', `/console/v1/businesses/${biz.id}/conversations/${conversation}/typing`, {
      typing: true,
    });
    expect(typing.status).toBe(200);
    await watcher.next(
      'typing',
      (d) => d.user_id === agentId && d.conversation_id === conversation && d.typing === true,
    );

    // Two tabs: closing one keeps the agent online; closing the last makes them offline.
    tab1.close();
    tab2.close();
    await watcher.next('presence', (d) => d.user_id === agentId && d.status === 'offline');
    const offlineEvents = watcher
      .of('presence')
      .filter((e) => e.data.user_id === agentId && e.data.status === 'offline');
    expect(offlineEvents).toHaveLength(1);

    const bad = await LiveStream.open(eventsUrl(stack.api), agent.cookie, 'not-a-number');
    expect(bad.status).toBe(400);
    expect((bad.events[0]!.data as { error: { code: number } }).error.code).toBe(100);
    // A cursor from the future cannot be resumed: the client is told to reload.
    const lost = await follow(stack.api, agent, '999999999');
    expect((lost.of('ready')[0]!.data as { reset: boolean }).reset).toBe(true);
    const anonymous = await LiveStream.open(eventsUrl(stack.api), '');
    expect(anonymous.status).toBe(401);
  });
  it('routing by presence: agents take the oldest waiting conversations as they come online, within capacity', async () => {
    // A business of its own: its queue holds only this case's conversations.
    const shop = await stack.business();
    const shopAccount = await stack.provisioned(shop.phoneNumberId);
    const operators = Operators.of(stack.api.app, stack.api.url);
    const boss = await operators.owner(shop.id);
    const [ana, ben, vic] = [
      await operators.invited(boss, shop.id, 'agent'),
      await operators.invited(boss, shop.id, 'agent'),
      await operators.invited(boss, shop.id, 'viewer'),
    ];
    const [anaId, benId, bossId] = [await userId(ana), await userId(ben), await userId(boss)];
    // The business's setting for each agent: one conversation at a time; the owner takes none.
    for (const [user, capacity] of [
      [anaId, 1],
      [benId, 1],
      [bossId, 0],
    ] as const)
      await shop.call('POST', `/${shop.id}/inbox_agents/${user}`, { available: false, capacity });
    const holder = async () => {
      const rows = await stack.prisma.conversation.findMany({
        where: { businessId: shop.id },
        orderBy: { queuedAt: 'asc' },
      });
      return new Map(rows.map((r) => [r.waId, r.assigneeId]));
    };
    const waiting = [await consumer('First'), await consumer('Second'), await consumer('Third')];
    for (const [i, c] of waiting.entries()) {
      await c.reply(shopAccount, `hello ${i}`);
      await waitFor(async () => (await holder()).has(c.waId), `conversation ${i} recorded`);
    }
    const holders = async () => {
      const h = await holder();
      return waiting.map((c) => h.get(c.waId) ?? null);
    };
    // Nobody online: everything waits, even with the owner's stream and a viewer's open.
    const bossStream = await follow(stack.api, boss, undefined, shop.id);
    await follow(second, vic, undefined, shop.id);
    expect(await holders()).toEqual([null, null, null]);

    // Ana comes online (on the second node): she takes the oldest, and only one.
    const anaStream = await follow(second, ana, undefined, shop.id);
    await waitFor(async () => (await holders())[0] === anaId, 'the oldest assigned to Ana');
    await bossStream.next('conversation', (d) => (d.conversation as Conversation).assignee?.id === anaId);
    expect(await holders()).toEqual([anaId, null, null]);

    // Ben, away when he connects, takes nothing; back online, he takes the next in line.
    await ben.call('POST', `/console/v1/businesses/${shop.id}/inbox/presence`, { status: 'away' });
    const benStream = await follow(stack.api, ben, undefined, shop.id);
    await bossStream.next('presence', (d) => d.user_id === benId && d.status === 'away');
    const c1 = await stack.prisma.conversation.findFirstOrThrow({
      where: { businessId: shop.id, waId: waiting[0]!.waId },
    });
    // Ana frees her slot while Ben is away: she takes the second, not the third.
    await ana.call('POST', `/console/v1/businesses/${shop.id}/conversations/${c1.id}/status`, { status: 'resolved' });
    expect(await holders()).toEqual([anaId, anaId, null]);
    await ben.call('POST', `/console/v1/businesses/${shop.id}/inbox/presence`, { status: 'online' });
    expect(await holders()).toEqual([anaId, anaId, benId]);

    // Offline agents take nothing: a new conversation waits until a slot frees and someone is online.
    benStream.close();
    anaStream.close();
    await bossStream.next('presence', (d) => d.user_id === benId && d.status === 'offline');
    await bossStream.next('presence', (d) => d.user_id === anaId && d.status === 'offline');
    const late = await consumer('Late');
    await late.reply(shopAccount, 'still there?');
    await waitFor(async () => (await holder()).has(late.waId), 'the late conversation recorded');
    const c3 = await stack.prisma.conversation.findFirstOrThrow({
      where: { businessId: shop.id, waId: waiting[2]!.waId },
    });
    await shop.call('POST', `/${shop.id}/conversations/${c3.id}/status`, { status: 'resolved' });
    expect((await holder()).get(late.waId)).toBeNull();
    await follow(stack.api, ben, undefined, shop.id);
    await waitFor(async () => (await holder()).get(late.waId) === benId, 'the late conversation assigned to Ben');
  });

  it("the console's routes: each agent's own unread count, the queue and their own view, a reply as the signed-in agent", async () => {
    const c = (who: Operator) => (method: string, path: string, body?: unknown) =>
      who.call<Record<string, unknown>>(method, `/console/v1/businesses/${biz.id}/conversations${path}`, body);
    type Listed = { data: (Conversation & { my_unread_count: number })[] };
    const unreadOf = async (who: Operator, id: string) =>
      ((await c(who)('GET', '?view=all&limit=100')).body as unknown as Listed).data.find((x) => x.id === id)
        ?.my_unread_count;
    const watcher = await follow(stack.api, agent);
    const lea = await consumer('Lea');
    await lea.reply(bizAccountId, 'one');
    const id = ((await inboundText(watcher, 'one')).data as MessageData).conversation.id;
    const queue = (await c(agent)('GET', '?view=unassigned&status=open')).body as unknown as Listed;
    expect(queue.data.map((x) => x.id)).toContain(id);

    // The owner reads; a second message is then one unread for the owner, and two-minus-nothing for the agent, who
    // never read: the conversation's own count (one, since the owner's read).
    expect((await c(owner)('POST', `/${id}/read`)).status).toBe(200);
    await lea.reply(bizAccountId, 'two');
    await inboundText(watcher, 'two');
    expect(await unreadOf(owner, id)).toBe(1);
    expect(await unreadOf(agent, id)).toBe(1);
    expect((await c(agent)('POST', `/${id}/read`)).status).toBe(200);
    expect(await unreadOf(agent, id)).toBe(0);
    expect(await unreadOf(owner, id)).toBe(1);

    const replied = await c(agent)('POST', `/${id}/messages`, { type: 'text', text: { body: 'Hello Lea' } });
    expect(replied.status).toBe(200);
    expect((replied.body.conversation as Conversation).assignee).toEqual({ type: 'user', id: agentId });
    const mine = (await c(agent)('GET', '?view=mine')).body as unknown as Listed;
    expect(mine.data.map((x) => x.id)).toContain(id);
    await waitFor(async () => lea.messages.some((m) => m.text === 'Hello Lea'), 'the reply at the consumer');
    const note = await c(agent)('POST', `/${id}/notes`, { body: 'VIP customer' });
    expect(note.status).toBe(200);
    const viewer = await Operators.of(stack.api.app, stack.api.url).invited(owner, biz.id, 'viewer');
    const refused = await c(viewer)('POST', `/${id}/messages`, { type: 'text', text: { body: 'no' } });
    expect([refused.status, (refused.body.error as { code: number }).code]).toEqual([403, 10]);
    expect((await c(viewer)('GET', `/${id}/messages`)).status).toBe(200);
  });
});
