import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomConsumer } from '@switchboard/testkit/business/api';
import { failMessage } from '@switchboard/testkit/flows/fail';
import { edge, type FlowWorld, startFlowWorld } from '@switchboard/testkit/flows/world';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('flow step failures', () => {
  let w: FlowWorld;
  // The business's service an HTTP step calls (loopback): counts calls and the Idempotency-Keys they carry.
  let crm: Server;
  let crmUrl: string;
  const keys: string[] = [];
  /** What the service does before it answers a call to /hold (while the calling turn is still open). */
  let onHold: (url: string) => Promise<void> = async () => undefined;

  beforeAll(async () => {
    crm = createServer(async (req, res) => {
      if (req.url?.startsWith('/hold')) await onHold(req.url);
      keys.push(String(req.headers['idempotency-key']));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ n: keys.length }));
    });
    await new Promise<void>((r) => crm.listen(0, '127.0.0.1', r));
    crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
    // One message per consumer per 3 s (the pair rate, no burst): a second send in one turn is refused with 131056,
    // a transient code, so the turn is undone and taken again.
    w = await startFlowWorld({ PAIR_RATE_BURST: '1', PAIR_RATE_INTERVAL_MS: '3000' });
  }, 90_000);

  afterAll(async () => {
    await w?.close();
    await new Promise((r) => crm?.close(r));
  });

  it('a send refused with a transient code retakes the turn: the HTTP step is not called again, nothing is sent twice', async () => {
    const flowId = await w.publish('twice', {
      start: 'crm',
      variables: [{ name: 'n', type: 'number' }],
      nodes: [
        { id: 'crm', type: 'http', url: `${crmUrl}/count`, save: { n: 'n' } },
        { id: 'one', type: 'send_text', text: 'One {{n}}' },
        { id: 'two', type: 'send_text', text: 'Two {{n}}' },
        { id: 'e', type: 'end' },
      ],
      edges: [edge('crm', 'one'), edge('one', 'two'), edge('two', 'e')],
    });
    const c = await w.consumer();
    try {
      const before = keys.length;
      await c.reply(w.bizAccountId, 'twice');
      await w.received(c, 2, 'both messages, the second after the pair-rate wait');
      const run = await w.runOf(flowId, c.waId);
      await waitFor(async () => (await w.runOf(flowId, c.waId))?.status === 'completed', 'the run completed');
      expect(c.messages.map((m) => m.text)).toEqual(['One 1', 'Two 1'].map((t) => t.replace('1', String(before + 1))));
      expect(keys.slice(before)).toEqual([`flow-http-${run!.id}-1`]);
      expect(await w.path(run!.id)).toEqual(['crm:http', 'one:sent', 'two:sent', 'e:end']);
      expect(await w.stack.prisma.businessMessage.count({ where: { waId: c.waId, direction: 'outbound' } })).toBe(2);
    } finally {
      await c.close();
    }
  }, 60_000);

  it('a failed status for a step message while the run waits on a later step takes the step’s error branch', async () => {
    const flowId = await w.publish('fails', {
      start: 'hello',
      variables: [{ name: 'failed', type: 'boolean', default: false }],
      nodes: [
        { id: 'hello', type: 'send_text', text: 'Hello' },
        { id: 'd', type: 'delay', seconds: 60 },
        { id: 'mark', type: 'set_variable', variable: 'failed', value: 'true' },
        { id: 'e', type: 'end' },
      ],
      edges: [edge('hello', 'd'), edge('hello', 'mark', 'error'), edge('d', 'e'), edge('mark', 'e')],
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
    expect(await w.path(started.body.id)).toEqual(['hello:sent', 'd:delay', 'hello:failed', 'mark:next', 'e:end']);
    const failedStep = await w.stack.prisma.flowRunStep.findFirstOrThrow({
      where: { runId: started.body.id, outcome: { startsWith: 'failed:' } },
    });
    expect(failedStep.outcome).toContain('131026');
    await waitFor(
      async () =>
        (await w.stack.prisma.businessMessage.count({ where: { waId: to, status: 'failed' } })) === 1 &&
        (await w.stack.prisma.flowInbound.count({ where: { waId: to, handledAt: null } })) === 0,
      'the message failed, nothing left queued',
      30_000,
    );
    expect(await w.stack.prisma.flowRunStep.count({ where: { runId: started.body.id } })).toBe(5);
  }, 90_000);

  it('a failed status that lands before the turn that started the run commits still takes the step’s error branch', async () => {
    const flowId = await w.publish('failfast', {
      start: 'hello',
      variables: [{ name: 'failed', type: 'boolean', default: false }],
      nodes: [
        { id: 'hello', type: 'send_text', text: 'Hello' },
        // Called in the same turn, after the send: the message fails while this turn (which created the run) is open.
        { id: 'crm', type: 'http', url: `${crmUrl}/hold?wa={{contact.wa_id}}`, timeout_ms: 10_000 },
        // A wait with no message (this world lets one message a consumer through per 3 s: a second send in the turn
        // would be refused as transient and the whole turn undone).
        { id: 'd', type: 'delay', seconds: 60 },
        { id: 'mark', type: 'set_variable', variable: 'failed', value: 'true' },
        { id: 'e', type: 'end' },
      ],
      edges: [
        edge('hello', 'crm'),
        edge('hello', 'mark', 'error'),
        edge('crm', 'd'),
        edge('d', 'e'),
        edge('mark', 'e'),
      ],
    });
    const c = await w.consumer();
    try {
      let failed: string | undefined;
      let committedRuns: number | undefined;
      let holdError: unknown;
      onHold = async (url) => {
        try {
          const waId = new URL(url, 'http://x').searchParams.get('wa')!;
          const hello = await w.stack.prisma.businessMessage.findFirstOrThrow({
            where: { businessId: w.biz.id, waId, direction: 'outbound' },
          });
          // Outside this turn no run holds the contact yet: the run's row is not committed.
          committedRuns = await w.stack.prisma.flowRun.count({ where: { flowId, waId } });
          await failMessage(w.stack.workers!, hello.wamid);
          failed = hello.wamid;
        } catch (err) {
          holdError = err;
        }
      };
      await c.reply(w.bizAccountId, 'failfast');
      // Offline from now: "Hello" is sent but never delivered, so it can still fail (a delivered message cannot).
      await c.close();
      /** What the run and the contact's queue hold, for a failure's message. */
      const state = async () =>
        JSON.stringify(
          {
            holdError: holdError && String(holdError),
            runs: await w.stack.prisma.flowRun.findMany({ where: { waId: c.waId }, include: { steps: true } }),
            queue: await w.stack.prisma.flowInbound.findMany({ where: { waId: c.waId } }),
            sent: await w.stack.prisma.businessMessage.findMany({ where: { waId: c.waId, direction: 'outbound' } }),
          },
          (_k, v) => (typeof v === 'bigint' ? String(v) : v),
        );
      await waitFor(
        async () => (await w.runOf(flowId, c.waId))?.status === 'completed',
        'the run completed',
        30_000,
      ).catch(async (err) => {
        throw new Error(`${(err as Error).message}: ${await state()}`);
      });
      expect(failed).toBeDefined();
      expect(committedRuns).toBe(0);
      const run = (await w.runOf(flowId, c.waId))!;
      expect(run.variables).toEqual({ failed: true });
      expect(await w.path(run.id), await state()).toEqual([
        'hello:sent',
        'crm:http',
        'd:delay',
        'hello:failed',
        'mark:next',
        'e:end',
      ]);
    } finally {
      onHold = async () => undefined;
      await c.close();
    }
  }, 60_000);
});
