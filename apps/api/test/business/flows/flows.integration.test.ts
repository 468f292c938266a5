import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomConsumer } from '@switchboard/testkit/business/api';
import { createTemplate, waitForStatus } from '@switchboard/testkit/business/templates';
import { redeliverToFlows } from '@switchboard/testkit/flows/redeliver';
import {
  type Consumer,
  edge,
  type FlowRunBody,
  type FlowWorld,
  startFlowWorld,
  texts,
} from '@switchboard/testkit/flows/world';
import { waitFor } from '@switchboard/testkit/wait';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

const shipFlow = {
  start: 'ok',
  variables: [],
  nodes: [{ id: 'ok', type: 'end', text: 'Shipping today!' }],
  edges: [],
};

describe('chatbot flows with real consumer devices', () => {
  let w: FlowWorld;
  let stack: FlowWorld['stack'];
  let biz: FlowWorld['biz'];
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
    w = await startFlowWorld();
    ({ stack, biz, bizAccountId } = w);
    receiver = await new Receiver().start();
    await biz.subscribe(receiver, ['flow_runs']);
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await w?.close();
    await new Promise((r) => crm?.close(r));
  });

  const publishedFlow = (keyword: string, definition: unknown) => w.publish(keyword, definition);
  const consumer = () => w.consumer();
  const received = (c: Consumer, n: number, what: string) => w.received(c, n, what, 20_000);
  const runOf = (flowId: string, waId: string) => w.runOf(flowId, waId);
  const tap = (c: Consumer, id: string, title: string, promptIndex?: number) => w.tap(c, id, title, promptIndex);

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

  it('a tap on a campaign template’s button starts its flow, ahead of keywords, and routes a waiting contact into it', async () => {
    const templateName = `offer_${Date.now()}`;
    const template = await createTemplate(biz, {
      name: templateName,
      language: 'en_US',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Your order can ship today. Want it?' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Yes please' },
            { type: 'QUICK_REPLY', text: 'No thanks' },
          ],
        },
      ],
    });
    await waitForStatus(biz, template.id, 'APPROVED');
    const [yes, no, busy] = [await consumer(), await consumer(), await consumer()];
    try {
      // `busy` is in the middle of another flow when the campaign reaches it.
      await publishedFlow('survey', {
        start: 'q',
        variables: [],
        nodes: [{ id: 'q', type: 'ask', text: 'Rate us 1-5' }],
        edges: [],
      });
      await busy.reply(bizAccountId, 'survey');
      await received(busy, 1, 'the survey question');

      const campaign = await biz.call<{ id: string }>('POST', `/${biz.id}/campaigns`, {
        name: 'Ship today',
        phone_number_id: biz.phoneNumberId,
        template: { name: templateName, language: { code: 'en_US' } },
        audience: { csv: ['phone', yes.number, no.number, busy.number].join('\n') },
      });
      expect(campaign.status, campaign.text).toBe(200);
      const flowId = await w.publish('ship', shipFlow, {
        triggers: [{ type: 'campaign', campaign_id: campaign.body.id, payloads: ['Yes please'] }],
      });
      // A keyword flow of higher priority on the very text of the button: a campaign reply is matched first.
      const keywordFlow = await w.publish('Yes please', shipFlow, { priority: 100 });
      await w.dispatchCampaign(campaign.body.id);
      for (const c of [yes, no]) await received(c, 1, 'the campaign message');
      await received(busy, 2, 'the campaign message');

      /** Taps the quick-reply button titled `title` on the campaign message, as the consumer's app sends it. */
      const tapCampaign = (c: Consumer, title: string) => {
        const m = c.messages.at(-1)!;
        const buttons = (m.rich as { template: { buttons: { text: string; payload: string }[] } }).template.buttons;
        const b = buttons.find((x) => x.text === title)!;
        return c.reply(bizAccountId, title, {
          type: 'button',
          button: { payload: b.payload, text: b.text },
          context: { id: String(m.messageId) },
        });
      };
      await tapCampaign(yes, 'Yes please');
      await tapCampaign(no, 'No thanks');
      await tapCampaign(busy, 'Yes please');
      await received(yes, 2, 'the flow’s first message');
      await received(busy, 3, 'the flow’s first message');
      expect(texts(yes)[1]).toBe('Shipping today!');
      expect(texts(busy)[2]).toBe('Shipping today!');
      expect(await runOf(flowId, yes.waId)).toMatchObject({ status: 'completed' });
      expect(await runOf(flowId, busy.waId)).toMatchObject({ status: 'completed' });
      expect(await runOf(keywordFlow, yes.waId)).toBeUndefined();
      const survey = await stack.prisma.flowRun.findFirstOrThrow({ where: { waId: busy.waId, status: 'stopped' } });
      expect(survey.endReason).toContain(`campaign ${campaign.body.id}`);
      // A payload the trigger does not list starts nothing (no keyword or fallback matches "No thanks" either).
      await waitFor(
        async () =>
          !!(await stack.prisma.flowInbound.findFirst({ where: { waId: no.waId, handledAt: { not: null } } })),
        'the other tap handled',
      );
      expect(await stack.prisma.flowRun.count({ where: { waId: no.waId } })).toBe(0);
      expect(no.messages).toHaveLength(1);
    } finally {
      for (const c of [yes, no, busy]) await c.close();
    }
  }, 60_000);

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
    const started = await biz.call<FlowRunBody>('POST', `/${biz.id}/flows/${flowId}/runs`, {
      phone_number_id: biz.phoneNumberId,
      to: '+15550009999',
    });
    expect(started.status, started.text).toBe(200);
    await waitFor(
      async () => (await stack.prisma.flowRun.findUnique({ where: { id: started.body.id } }))?.status === 'failed',
      'the run failed',
    );
    const run = await biz.call<FlowRunBody>('GET', `/${biz.id}/flow_runs/${started.body.id}`);
    expect(run.body.end_reason).toContain('131047');
  });

  /** delay → mark (sets `seen` to `label`) → end: what a run does after its timer tells which version it ran. */
  const timerFlow = (label: string) => ({
    start: 'd',
    variables: [{ name: 'seen', type: 'string' }],
    nodes: [
      { id: 'd', type: 'delay', seconds: 60 },
      { id: 'mark', type: 'set_variable', variable: 'seen', value: label },
      { id: 'e', type: 'end' },
    ],
    edges: [edge('d', 'mark'), edge('mark', 'e')],
  });
  const runsOf = (ids: string[]) =>
    stack.prisma.flowRun.findMany({ where: { id: { in: ids } }, include: { steps: { orderBy: { seq: 'asc' } } } });
  const allCompleted = (ids: string[], what: string) =>
    waitFor(
      async () =>
        (await stack.prisma.flowRun.count({ where: { id: { in: ids }, status: 'completed' } })) === ids.length,
      what,
      60_000,
    );

  it('Redis flushed while 100 runs wait on their timers: every timer still fires, once', async () => {
    const flowId = await publishedFlow('timer', timerFlow('fired'));
    // 100 runs at their delay, due in 2 s, seeded in SQL (the engine is the point, not 100 API starts); their timers
    // live in Postgres only, as after a flush — and Redis is flushed too.
    const ids = await w.seedDelayedRuns(flowId, 1, 'd', 100, 2_000);
    await stack.flushRedis();
    expect(await stack.prisma.flowRun.count({ where: { id: { in: ids }, status: 'completed' } })).toBe(0);
    await allCompleted(ids, '100 timers fired');
    const runs = await runsOf(ids);
    expect(runs.every((r) => (r.variables as { seen?: string }).seen === 'fired')).toBe(true);
    expect(runs.every((r) => r.steps.map((s) => s.outcome).join() === 'delay,resumed,next,end')).toBe(true);
  }, 90_000);

  it('publish while 100 runs are in flight: each finishes on the version it started on', async () => {
    const flowId = await publishedFlow('inflight', timerFlow('v1'));
    const ids = await w.seedDelayedRuns(flowId, 1, 'd', 100, 3_000);
    expect((await biz.call('POST', `/${biz.id}/flows/${flowId}`, { definition: timerFlow('v2') })).status).toBe(200);
    const v2 = await biz.call<{ version: number }>('POST', `/${biz.id}/flows/${flowId}/publish`);
    expect(v2.body.version).toBe(2);
    // Runs on v2 in flight at the same time (started after the publish) finish on v2.
    const later = await w.seedDelayedRuns(flowId, 2, 'd', 5, 1_000);
    await allCompleted([...ids, ...later], 'the 105 runs completed');
    const runs = await runsOf(ids);
    expect(runs.map((r) => `${r.version}:${(r.variables as { seen?: string }).seen}`)).toEqual(ids.map(() => '1:v1'));
    expect(runs.every((r) => r.steps.map((s) => s.outcome).join() === 'delay,resumed,next,end')).toBe(true);
    const after = await runsOf(later);
    expect(after.map((r) => (r.variables as { seen?: string }).seen)).toEqual(later.map(() => 'v2'));
  }, 90_000);

  it('deleting a flow stops its runs that still hold a contact, so the contact is free for other flows', async () => {
    const flowId = await publishedFlow('gone', {
      start: 'q',
      variables: [],
      nodes: [{ id: 'q', type: 'ask', text: 'Waiting for ever?' }],
      edges: [],
    });
    const to = randomConsumer();
    await stack.prisma.contact.create({ data: { businessId: biz.id, waId: to, lastInboundAt: new Date() } });
    const started = await biz.call<FlowRunBody>('POST', `/${biz.id}/flows/${flowId}/runs`, {
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
