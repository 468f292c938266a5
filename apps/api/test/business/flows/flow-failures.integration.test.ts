import { randomConsumer } from '@switchboard/testkit/business/api';
import { edge, type FlowWorld, startFlowWorld } from '@switchboard/testkit/flows/world';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('flow step failures', () => {
  let w: FlowWorld;

  beforeAll(async () => {
    w = await startFlowWorld();
  }, 90_000);

  afterAll(async () => {
    await w?.close();
  });

  it('a failed status for a step message after the run moved on takes that step’s error branch, once', async () => {
    const flowId = await w.publish('fails', {
      start: 'hello',
      variables: [{ name: 'failed', type: 'boolean', default: false }],
      nodes: [
        { id: 'hello', type: 'send_text', text: 'Hello' },
        { id: 'q', type: 'ask', text: 'Your name?' },
        { id: 'mark', type: 'set_variable', variable: 'failed', value: 'true' },
        { id: 'e', type: 'end' },
      ],
      edges: [edge('hello', 'q'), edge('hello', 'mark', 'error'), edge('q', 'e'), edge('mark', 'e')],
    });
    // A number with no account, whose window is open: the send path accepts, the send pipeline fails it (131026).
    const to = randomConsumer();
    await w.stack.prisma.contact.create({ data: { businessId: w.biz.id, waId: to, lastInboundAt: new Date() } });
    const started = await w.biz.call<{ id: string }>('POST', `/${w.biz.id}/flows/${flowId}/runs`, {
      phone_number_id: w.biz.phoneNumberId,
      to,
    });
    expect(started.status, started.text).toBe(200);
    const run = () => w.stack.prisma.flowRun.findUniqueOrThrow({ where: { id: started.body.id } });
    await waitFor(async () => (await run()).status === 'completed', 'the run completed by the error branch', 40_000);
    expect((await run()).variables).toEqual({ failed: true });
    expect(await w.path(started.body.id)).toEqual(['hello:sent', 'q:prompt', 'hello:failed', 'mark:next', 'e:end']);
    const failedStep = await w.stack.prisma.flowRunStep.findFirstOrThrow({
      where: { runId: started.body.id, outcome: { startsWith: 'failed:' } },
    });
    expect(failedStep.outcome).toContain('131026');
    // The prompt's own failure comes after the run ended: queued for no run, it changes nothing.
    await waitFor(
      async () =>
        (await w.stack.prisma.businessMessage.count({ where: { waId: to, status: 'failed' } })) === 2 &&
        (await w.stack.prisma.flowInbound.count({ where: { waId: to, handledAt: null } })) === 0,
      'both messages failed, nothing left queued',
      30_000,
    );
    expect(await w.stack.prisma.flowRunStep.count({ where: { runId: started.body.id } })).toBe(5);
  }, 90_000);
});
