import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomConsumer } from '@switchboard/testkit/business/api';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { redeliverToFlows } from '@switchboard/testkit/flows/redeliver';
import { waitFor } from '@switchboard/testkit/wait';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Consumer = Awaited<ReturnType<typeof consumerDevice>>;
type Run = {
  id: string;
  status: string;
  version: number;
  variables: Record<string, unknown>;
  end_reason: string | null;
};

const edge = (from: string, to: string, port = 'next') => ({ from, to, port });

/** keyword "menu" → buttons → (sales) tag → HTTP lookup of the plan → condition on it → hand-off; (support) → end. */
const menuFlow = (crm: string) => ({
  start: 'menu',
  variables: [
    { name: 'choice', type: 'string' },
    { name: 'plan', type: 'string' },
  ],
  nodes: [
    {
      id: 'menu',
      type: 'buttons',
      text: 'How can we help?',
      save_as: 'choice',
      buttons: [
        { id: 'sales', title: 'Sales' },
        { id: 'support', title: 'Support' },
      ],
    },
    { id: 'tag', type: 'tag', add: ['lead'] },
    {
      id: 'crm',
      type: 'http',
      method: 'POST',
      url: `${crm}/plans?wa={{contact.wa_id}}`,
      headers: { authorization: 'Bearer crm-token' },
      body: '{"choice":"{{choice}}"}',
      save: { plan: 'account.plan' },
    },
    { id: 'check', type: 'condition', rules: [{ subject: 'var:plan', op: 'eq', value: 'gold' }] },
    { id: 'human', type: 'handoff', text: 'An agent will answer about {{choice}}' },
    { id: 'bye', type: 'end', text: 'Bye' },
  ],
  edges: [
    edge('menu', 'tag', 'sales'),
    edge('menu', 'bye', 'support'),
    edge('tag', 'crm'),
    edge('crm', 'check'),
    edge('crm', 'bye', 'error'),
    edge('check', 'human', 'rule:0'),
    edge('check', 'bye', 'else'),
  ],
});

describe('chatbot flows with real consumer devices', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let bizAccountId: string;
  let receiver: Receiver;
  // The business's own service the HTTP step calls (loopback).
  let crm: Server;
  let crmUrl: string;
  const crmCalls: { url?: string; body: string; auth?: string }[] = [];

  beforeAll(async () => {
    crm = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        crmCalls.push({ url: req.url, body, auth: req.headers.authorization });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ account: { plan: 'gold' } }));
      });
    });
    await new Promise<void>((r) => crm.listen(0, '127.0.0.1', r));
    crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
    stack = await startBusinessStack({
      worker: true,
      env: {
        OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
        OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
        OUTBOUND_PRIVATE_NETWORKS: 'allow',
      },
    });
    biz = await stack.business();
    receiver = await new Receiver().start();
    await biz.subscribe(receiver, ['flow_runs']);
    bizAccountId = await stack.provisioned(biz.phoneNumberId);
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await stack?.close();
    await new Promise((r) => crm?.close(r));
  });

  async function publishedFlow(keyword: string, definition: unknown, priority = 0) {
    const created = await biz.call<{ id: string }>('POST', `/${biz.id}/flows`, {
      name: keyword,
      phone_number_ids: [biz.phoneNumberId],
      triggers: [{ type: 'keyword', keywords: [keyword] }],
      priority,
      definition,
    });
    expect(created.status, created.text).toBe(200);
    const published = await biz.call('POST', `/${biz.id}/flows/${created.body.id}/publish`);
    expect(published.status, published.text).toBe(200);
    return created.body.id;
  }

  async function consumer(): Promise<Consumer> {
    const c = await consumerDevice(stack.api);
    await c.connect();
    return c;
  }

  const texts = (c: Consumer) => c.messages.map((m) => m.text);
  const received = (c: Consumer, n: number, what: string) => waitFor(async () => c.messages.length >= n, what, 20_000);
  const runOf = async (flowId: string, waId: string) => {
    const res = await biz.call<{ data: Run[] }>('GET', `/${biz.id}/flows/${flowId}/runs?wa_id=${waId}`);
    expect(res.status, res.text).toBe(200);
    return res.body.data[0];
  };
  const tap = (c: Consumer, id: string, title: string, promptIndex?: number) =>
    c.reply(bizAccountId, title, {
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id, title } },
      ...(promptIndex !== undefined && { context: { id: String(c.messages[promptIndex]!.messageId) } }),
    });

  it('keyword → buttons → reply → HTTP step → condition → hand-off; the bot is then silent until handed back', async () => {
    const flowId = await publishedFlow('menu', menuFlow(crmUrl));
    const c = await consumer();
    try {
      await c.reply(bizAccountId, 'MENU');
      await received(c, 1, 'the buttons');
      expect(c.messages[0]!.rich).toMatchObject({ interactive: { type: 'button' } });
      await tap(c, 'sales', 'Sales', 0);
      await received(c, 2, 'the hand-off text');
      expect(texts(c)[1]).toBe('An agent will answer about Sales');
      const run = await runOf(flowId, c.waId);
      expect(run).toMatchObject({ status: 'handed_off', variables: { choice: 'Sales', plan: 'gold' } });
      expect(crmCalls).toEqual([{ url: `/plans?wa=${c.waId}`, body: '{"choice":"Sales"}', auth: 'Bearer crm-token' }]);
      const contact = await stack.prisma.contact.findFirst({ where: { businessId: biz.id, waId: c.waId } });
      expect(contact?.tags).toContain('lead');

      await c.reply(bizAccountId, 'menu');
      await waitFor(
        async () => (await stack.prisma.flowInbound.count({ where: { waId: c.waId, handledAt: { not: null } } })) === 3,
        'the third message handled',
      );
      expect(c.messages).toHaveLength(2); // silent while handed off

      const events = () =>
        receiver
          .accepted()
          .flatMap((c) => (c.value.flow_runs as { id: string; event: string }[] | undefined) ?? [])
          .filter((e) => e.id === run!.id)
          .map((e) => e.event);
      await waitFor(async () => events().length === 2, 'the run started and handed-off webhooks');
      expect(events()).toEqual(['started', 'handed_off']);

      const detail = await biz.call<{ steps: { node: string; outcome: string }[] }>(
        'GET',
        `/${biz.id}/flow_runs/${run!.id}`,
      );
      expect(detail.body.steps.map((s) => s.node)).toEqual(['menu', 'menu', 'tag', 'crm', 'check', 'human']);
      const stopped = await biz.call('POST', `/${biz.id}/flow_runs/${run!.id}/stop`);
      expect(stopped.body).toEqual({ success: true });
      await c.reply(bizAccountId, 'menu');
      await received(c, 3, 'the buttons again, once handed back');
    } finally {
      await c.close();
    }
  });

  it('a question with no answer in time leaves on its timeout branch', async () => {
    const flowId = await publishedFlow('late', {
      start: 'q',
      variables: [{ name: 'name', type: 'string' }],
      nodes: [
        { id: 'q', type: 'ask', text: 'Your name?', save_as: 'name', timeout_seconds: 1 },
        { id: 'hi', type: 'end', text: 'Hi {{name}}' },
        { id: 'late', type: 'end', text: 'Too late' },
      ],
      edges: [edge('q', 'hi'), edge('q', 'late', 'timeout')],
    });
    const c = await consumer();
    try {
      await c.reply(bizAccountId, 'late');
      await received(c, 2, 'the timeout branch');
      expect(texts(c)).toEqual(['Your name?', 'Too late']);
      expect(await runOf(flowId, c.waId)).toMatchObject({ status: 'completed' });
    } finally {
      await c.close();
    }
  });

  it('a tap on an earlier question after the flow moved on is routed to that question', async () => {
    const flowId = await publishedFlow('size', {
      start: 'size',
      variables: [
        { name: 'size', type: 'string' },
        { name: 'color', type: 'string' },
      ],
      nodes: [
        {
          id: 'size',
          type: 'buttons',
          text: 'Size?',
          save_as: 'size',
          buttons: [
            { id: 's', title: 'Small' },
            { id: 'l', title: 'Large' },
          ],
        },
        {
          id: 'color',
          type: 'buttons',
          text: 'Color?',
          save_as: 'color',
          buttons: [
            { id: 'red', title: 'Red' },
            { id: 'blue', title: 'Blue' },
          ],
        },
        { id: 'done', type: 'end', text: '{{size}} {{color}}' },
      ],
      edges: [
        edge('size', 'color', 's'),
        edge('size', 'color', 'l'),
        edge('color', 'done', 'red'),
        edge('color', 'done', 'blue'),
      ],
    });
    const c = await consumer();
    try {
      await c.reply(bizAccountId, 'size');
      await received(c, 1, 'the size question');
      await tap(c, 's', 'Small', 0);
      await received(c, 2, 'the color question');
      // Changes its mind on the first question: tapped on the size prompt, after the flow asked for the color.
      await tap(c, 'l', 'Large', 0);
      await received(c, 3, 'the color question again');
      expect(texts(c)[2]).toBe('Color?');
      await tap(c, 'blue', 'Blue');
      await received(c, 4, 'the end');
      expect(texts(c)[3]).toBe('Large Blue');
      expect(await runOf(flowId, c.waId)).toMatchObject({
        status: 'completed',
        variables: { size: 'Large', color: 'Blue' },
      });
    } finally {
      await c.close();
    }
  });

  it('five messages sent while the bot is replying are all handled, in order, once', async () => {
    const asks = [1, 2, 3, 4, 5].map((i) => ({ id: `q${i}`, type: 'ask', text: `Question ${i}`, save_as: `a${i}` }));
    const flowId = await publishedFlow('quiz', {
      start: 'q1',
      variables: asks.map((a) => ({ name: a.save_as, type: 'string' })),
      nodes: [...asks, { id: 'done', type: 'end', text: '{{a1}}{{a2}}{{a3}}{{a4}}{{a5}}' }],
      edges: [edge('q1', 'q2'), edge('q2', 'q3'), edge('q3', 'q4'), edge('q4', 'q5'), edge('q5', 'done')],
    });
    const c = await consumer();
    try {
      await c.reply(bizAccountId, 'quiz');
      for (const a of ['A', 'B', 'C', 'D', 'E']) await c.reply(bizAccountId, a);
      await received(c, 6, 'five questions and the end');
      expect(texts(c)).toEqual(['Question 1', 'Question 2', 'Question 3', 'Question 4', 'Question 5', 'ABCDE']);
      const run = await runOf(flowId, c.waId);
      const steps = await stack.prisma.flowRunStep.findMany({ where: { runId: run!.id }, orderBy: { seq: 'asc' } });
      expect(steps.map((s) => `${s.node}:${s.outcome?.split(':')[0]}`)).toEqual([
        'q1:prompt',
        'q1:answer',
        'q2:prompt',
        'q2:answer',
        'q3:prompt',
        'q3:answer',
        'q4:prompt',
        'q4:answer',
        'q5:prompt',
        'q5:answer',
        'done:end',
      ]);
      const inbound = await stack.prisma.flowInbound.findMany({ where: { waId: c.waId } });
      expect(inbound).toHaveLength(6);
      expect(inbound.every((m) => m.handledAt && m.runId === run!.id)).toBe(true);
    } finally {
      await c.close();
    }
  });

  it('the same inbound message delivered twice takes one step', async () => {
    const flowId = await publishedFlow('twice', {
      start: 'q',
      variables: [{ name: 'x', type: 'string' }],
      nodes: [
        { id: 'q', type: 'ask', text: 'x?', save_as: 'x' },
        { id: 'e', type: 'end', text: 'got {{x}}' },
      ],
      edges: [edge('q', 'e')],
    });
    const c = await consumer();
    try {
      await c.reply(bizAccountId, 'twice');
      await received(c, 1, 'the question');
      const first = await stack.prisma.flowInbound.findFirstOrThrow({ where: { waId: c.waId } });
      // Delivered again (a redelivery after a lost ack, a second worker): queued under the same wamid, kicked.
      expect(await redeliverToFlows(stack.workers!, first)).toBe(true);
      await c.reply(bizAccountId, 'yes');
      await received(c, 2, 'the end');
      await new Promise((r) => setTimeout(r, 300));
      expect(texts(c)).toEqual(['x?', 'got yes']);
      const run = await runOf(flowId, c.waId);
      expect(await stack.prisma.flowRunStep.count({ where: { runId: run!.id } })).toBe(3);
      expect(await stack.prisma.flowRun.count({ where: { flowId, waId: c.waId } })).toBe(1);
    } finally {
      await c.close();
    }
  });

  it('a run keeps its version when a new one is published; rollback makes an earlier version live', async () => {
    const def = (bye: string) => ({
      start: 'q',
      variables: [],
      nodes: [
        { id: 'q', type: 'ask', text: 'Ready?' },
        { id: 'e', type: 'end', text: bye },
      ],
      edges: [edge('q', 'e')],
    });
    const flowId = await publishedFlow('ver', def('bye from v1'));
    const c = await consumer();
    const d = await consumer();
    try {
      await c.reply(bizAccountId, 'ver');
      await received(c, 1, 'the question');
      expect((await biz.call('POST', `/${biz.id}/flows/${flowId}`, { definition: def('bye from v2') })).status).toBe(
        200,
      );
      const v2 = await biz.call<{ version: number }>('POST', `/${biz.id}/flows/${flowId}/publish`);
      expect(v2.body.version).toBe(2);
      await c.reply(bizAccountId, 'yes');
      await received(c, 2, 'the end on v1');
      expect(texts(c)[1]).toBe('bye from v1');

      await d.reply(bizAccountId, 'ver');
      await received(d, 1, 'the question');
      await d.reply(bizAccountId, 'yes');
      await received(d, 2, 'the end on v2');
      expect(texts(d)[1]).toBe('bye from v2');

      const back = await biz.call<{ live_version: number }>('POST', `/${biz.id}/flows/${flowId}/rollback`, {
        version: 1,
      });
      expect(back.body.live_version).toBe(1);
      const versions = await biz.call<{ data: { version: number }[] }>('GET', `/${biz.id}/flows/${flowId}/versions`);
      expect(versions.body.data.map((v) => v.version)).toEqual([2, 1]);
    } finally {
      await c.close();
      await d.close();
    }
  });

  it('an API start for a contact outside the window fails its send step with 131047', async () => {
    const flowId = await publishedFlow('api', {
      start: 'hello',
      variables: [],
      nodes: [{ id: 'hello', type: 'send_text', text: 'Hello' }],
      edges: [],
    });
    const started = await biz.call<Run>('POST', `/${biz.id}/flows/${flowId}/runs`, {
      phone_number_id: biz.phoneNumberId,
      to: '+15550009999',
    });
    expect(started.status, started.text).toBe(200);
    await waitFor(
      async () => (await stack.prisma.flowRun.findUnique({ where: { id: started.body.id } }))?.status === 'failed',
      'the run failed',
    );
    const run = await biz.call<Run>('GET', `/${biz.id}/flow_runs/${started.body.id}`);
    expect(run.body.end_reason).toContain('131047');
  });

  it('Redis flushed while 100 runs wait on their timers: every timer still fires, once', async () => {
    const flowId = await publishedFlow('timer', {
      start: 'q',
      variables: [{ name: 'fired', type: 'boolean' }],
      nodes: [
        // A delay: the same durable timer as a question's timeout, and no message (these numbers have no account, so
        // a question's prompt would fail and take the run down its error path). Long enough that the last of 100 API
        // starts (slow on a loaded machine) waits before the first one's timer is due.
        { id: 'q', type: 'delay', seconds: 60 },
        { id: 'mark', type: 'set_variable', variable: 'fired', value: 'true' },
        { id: 'e', type: 'end' },
      ],
      edges: [edge('q', 'mark'), edge('mark', 'e')],
    });
    // Contacts of the business (they wrote a minute ago).
    const waIds = [...new Set(Array.from({ length: 120 }, () => randomConsumer()))].slice(0, 100);
    await stack.prisma.contact.createMany({
      data: waIds.map((waId) => ({ businessId: biz.id, waId, lastInboundAt: new Date(Date.now() - 60_000) })),
    });
    const ids: string[] = [];
    for (const to of waIds) {
      const res = await biz.call<Run>('POST', `/${biz.id}/flows/${flowId}/runs`, {
        phone_number_id: biz.phoneNumberId,
        to,
      });
      expect(res.status, res.text).toBe(200);
      ids.push(res.body.id);
    }
    const count = (status: string) => stack.prisma.flowRun.count({ where: { id: { in: ids }, status } });
    await waitFor(async () => (await count('waiting')) === 100, '100 runs waiting', 50_000);
    await stack.flushRedis(); // the delayed timeout jobs are gone
    expect(await count('completed')).toBe(0);
    await waitFor(async () => (await count('completed')) === 100, '100 timers fired', 90_000);
    const runs = await stack.prisma.flowRun.findMany({ where: { id: { in: ids } }, include: { steps: true } });
    expect(runs.every((r) => (r.variables as { fired?: boolean }).fired === true)).toBe(true);
    expect(runs.every((r) => r.steps.filter((s) => s.outcome === 'resumed').length === 1)).toBe(true);
  }, 180_000);

  it('deleting a flow stops its runs that still hold a contact, so the contact is free for other flows', async () => {
    const flowId = await publishedFlow('gone', {
      start: 'q',
      variables: [],
      nodes: [{ id: 'q', type: 'ask', text: 'Waiting for ever?' }],
      edges: [],
    });
    const to = randomConsumer();
    await stack.prisma.contact.create({ data: { businessId: biz.id, waId: to, lastInboundAt: new Date() } });
    const started = await biz.call<Run>('POST', `/${biz.id}/flows/${flowId}/runs`, {
      phone_number_id: biz.phoneNumberId,
      to,
    });
    expect(started.status, started.text).toBe(200);
    const run = () => stack.prisma.flowRun.findUniqueOrThrow({ where: { id: started.body.id } });
    await waitFor(async () => (await run()).status === 'waiting', 'the run waiting');
    expect((await biz.call('DELETE', `/${biz.id}/flows/${flowId}`)).body).toEqual({ success: true });
    expect(await run()).toMatchObject({ status: 'stopped', activeKey: null, endReason: 'the flow was deleted' });
    expect((await biz.call('GET', `/${biz.id}/flows/${flowId}`)).status).toBe(404);
  });

  it('an invalid draft is refused at publish with each node and what is wrong', async () => {
    const created = await biz.call<{ id: string }>('POST', `/${biz.id}/flows`, {
      name: 'bad',
      phone_number_ids: [biz.phoneNumberId],
      definition: {
        start: 'a',
        nodes: [
          {
            id: 'a',
            type: 'buttons',
            text: 'Pick {{nope}}',
            buttons: ['1', '2', '3', '4'].map((i) => ({ id: i, title: i })),
          },
          { id: 'orphan', type: 'end' },
          { id: 't', type: 'template', name: 'no_such', language: 'en_US' },
        ],
        edges: [edge('a', 'ghost', '1'), edge('a', 't', '2')],
      },
    });
    expect(created.status, created.text).toBe(200);
    const res = await biz.call<{ error: { code: number; error_data: { details: string } } }>(
      'POST',
      `/${biz.id}/flows/${created.body.id}/publish`,
    );
    expect(res.status).toBe(400);
    const details = res.body.error.error_data.details;
    expect(details).toContain('node "a": unknown variable "nope"');
    expect(details).toContain('node "a": 4 reply buttons: at most 3');
    expect(details).toContain('node "a": dangling edge: no node "ghost"');
    expect(details).toContain('node "orphan": unreachable node');
    expect(details).toContain('node "t": missing template "no_such" (en_US)');
  });
});
