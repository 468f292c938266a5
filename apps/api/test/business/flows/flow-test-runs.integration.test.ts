import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { drinksFlow } from '@switchboard/testkit/flows/fixtures';
import { offerLate } from '@switchboard/testkit/flows/redeliver';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Run = { id: string; status: string; version: number; variables: Record<string, unknown> };

/** A draft never published: buttons, then an end step that repeats the choice. */
const draft = drinksFlow;

// A test run of a draft (the builder's Test run) or of a version that is not live, on the real engine and a real
// consumer device: the messages go the whole way, and analytics leave test runs out.
describe('test runs of a draft or a given version', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let bizAccountId: string;

  beforeAll(async () => {
    stack = await startBusinessStack({
      worker: true,
      env: { OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000', OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000' },
    });
    biz = await stack.business();
    bizAccountId = await stack.provisioned(biz.phoneNumberId);
  }, 60_000);
  afterAll(() => stack?.close());

  it('runs the unpublished draft for a consumer, who answers it; analytics count no test run', async () => {
    const created = await biz.call<{ id: string }>('POST', `/${biz.id}/flows`, {
      name: 'drinks',
      phone_number_ids: [biz.phoneNumberId],
      definition: draft,
    });
    expect(created.status, created.text).toBe(200);
    const flowId = created.body.id;
    const c = await consumerDevice(stack.api);
    await c.connect();
    try {
      // The consumer writes first, as a tester does: their 24-hour window opens (no live flow takes the message).
      await c.reply(bizAccountId, 'hi');
      await waitFor(
        async () =>
          !!(await stack.prisma.businessMessage.findFirst({
            where: { businessId: biz.id, waId: c.waId, direction: 'inbound' },
          })),
        'the hi logged: the window is open',
      );
      const started = await biz.call<Run>('POST', `/${biz.id}/flows/${flowId}/runs`, {
        phone_number_id: biz.phoneNumberId,
        to: c.waId,
        draft: true,
      });
      expect(started.status, started.text).toBe(200);
      expect(started.body.version).toBe(0);
      await waitFor(async () => c.messages.length >= 1, 'the draft’s buttons', 30_000);
      expect(c.messages[0]!.text).toContain('Tea or coffee?');

      await c.reply(bizAccountId, 'Coffee', {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'coffee', title: 'Coffee' } },
      });
      await waitFor(async () => c.messages.length >= 2, 'the end step', 30_000);
      const run = await biz.call<Run & { steps: { node: string }[] }>('GET', `/${biz.id}/flow_runs/${started.body.id}`);
      expect(c.messages[1]!.text, JSON.stringify({ run: run.body, messages: c.messages.map((m) => m.text) })).toBe(
        'One Coffee coming',
      );
      expect(run.body).toMatchObject({ status: 'completed', version: 0, variables: { choice: 'Coffee' } });
      expect(run.body.steps.map((s) => s.node)).toEqual(['pick', 'pick', 'done']);

      const analytics = await biz.call<{ runs: { total: number } }>('GET', `/${biz.id}/flows/${flowId}/analytics`);
      expect(analytics.status, analytics.text).toBe(200);
      expect(analytics.body.runs.total).toBe(0);
    } finally {
      await c.close();
    }
  }, 120_000);

  it('a message sent before the test run began answers none of its questions, even when it is queued after', async () => {
    const created = await biz.call<{ id: string }>('POST', `/${biz.id}/flows`, {
      name: 'early',
      phone_number_ids: [biz.phoneNumberId],
      definition: draft,
    });
    expect(created.status, created.text).toBe(200);
    const c = await consumerDevice(stack.api);
    await c.connect();
    try {
      // "Tea": the tester's first message, sent before the run; nothing holds the contact, so it is not queued.
      await c.reply(bizAccountId, 'Tea');
      const logged = () =>
        stack.prisma.businessMessage.findFirst({ where: { businessId: biz.id, waId: c.waId, direction: 'inbound' } });
      await waitFor(async () => !!(await logged()), 'the first message logged');
      const hi = (await logged())!;
      const started = await biz.call<Run>('POST', `/${biz.id}/flows/${created.body.id}/runs`, {
        phone_number_id: biz.phoneNumberId,
        to: c.waId,
        draft: true,
      });
      expect(started.status, started.text).toBe(200);
      const run = () => stack.prisma.flowRun.findUniqueOrThrow({ where: { id: started.body.id } });
      await waitFor(async () => (await run()).status === 'waiting', 'the run waiting on its question');
      // The business device's transaction for that message commits only now (it recorded the contact's window first):
      // the message is queued while the run waits, but it was sent before the run began.
      expect(await offerLate(stack.workers!, hi)).toBe(true);
      await waitFor(
        async () => !!(await stack.prisma.flowInbound.findUnique({ where: { wamid: hi.wamid } }))?.handledAt,
        'the early message handled',
      );
      expect(await run()).toMatchObject({ status: 'waiting', variables: {} });
      await c.reply(bizAccountId, 'Coffee', {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'coffee', title: 'Coffee' } },
      });
      await waitFor(async () => (await run()).status === 'completed', 'the run completed on the real answer');
      expect((await run()).variables).toEqual({ choice: 'Coffee' });
      await waitFor(async () => c.messages.length >= 2, 'the end step on the phone');
      expect(c.messages.map((m) => m.text)).toEqual(['Tea or coffee?', 'One Coffee coming']);
    } finally {
      await c.close();
    }
  }, 60_000);

  it('refuses an invalid draft naming its step, a version that does not exist, and both at once', async () => {
    const created = await biz.call<{ id: string }>('POST', `/${biz.id}/flows`, {
      name: 'broken',
      phone_number_ids: [biz.phoneNumberId],
      definition: { ...draft, edges: [] },
    });
    const start = (body: Record<string, unknown>) =>
      biz.call<{ error: { code: number; error_data: { details: string } } }>(
        'POST',
        `/${biz.id}/flows/${created.body.id}/runs`,
        { phone_number_id: biz.phoneNumberId, to: '447700900123', ...body },
      );
    const invalid = await start({ draft: true });
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 100]);
    expect(invalid.body.error.error_data.details).toContain('node "done": unreachable node');
    const missing = await start({ version: 3 });
    expect(missing.body.error.error_data.details).toContain('has no version 3');
    const both = await start({ version: 1, draft: true });
    expect(both.status).toBe(400);
  });
});
