import { QueuesService } from '@switchboard/platform';
import { randomConsumer } from '../business/api';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '../business/stack';
import { consumerDevice } from '../devices/consumer';
import { waitFor } from '../wait';

export type Consumer = Awaited<ReturnType<typeof consumerDevice>>;
export type FlowRunBody = {
  id: string;
  status: string;
  version: number;
  variables: Record<string, unknown>;
  end_reason: string | null;
};

export const edge = (from: string, to: string, port = 'next') => ({ from, to, port });

/** The texts of the messages a consumer holds from the business, oldest first. */
export const texts = (c: Consumer) => c.messages.map((m) => m.text);

/**
 * A business whose number has its device, with the worker in process, for flow tests with real consumer devices:
 * publish a flow on a keyword, connect consumers, read runs. Loopback HTTP services are allowed (HTTP steps, media
 * links).
 */
export async function startFlowWorld(env: Record<string, string> = {}) {
  const stack: BusinessStack = await startBusinessStack({
    worker: true,
    env: {
      OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
      OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
      OUTBOUND_PRIVATE_NETWORKS: 'allow',
      ...env,
    },
  });
  const biz: TestBusiness = await stack.business();
  const bizAccountId = await stack.provisioned(biz.phoneNumberId);

  /** Creates a flow listening on the number with `triggers` (a keyword by default) and publishes it. */
  async function publish(
    keyword: string,
    definition: unknown,
    opts: { triggers?: unknown[]; priority?: number } = {},
  ): Promise<string> {
    const created = await biz.call<{ id: string }>('POST', `/${biz.id}/flows`, {
      name: keyword,
      phone_number_ids: [biz.phoneNumberId],
      triggers: opts.triggers ?? [{ type: 'keyword', keywords: [keyword] }],
      priority: opts.priority ?? 0,
      definition,
    });
    if (created.status !== 200) throw new Error(`flow not created: ${created.text}`);
    const published = await biz.call('POST', `/${biz.id}/flows/${created.body.id}/publish`);
    if (published.status !== 200) throw new Error(`flow not published: ${published.text}`);
    return created.body.id;
  }

  async function consumer(): Promise<Consumer> {
    const c = await consumerDevice(stack.api);
    await c.connect();
    return c;
  }

  /** Waits until the consumer holds `n` messages from the business. */
  const received = (c: Consumer, n: number, what: string, timeoutMs = 30_000) =>
    waitFor(async () => c.messages.length >= n, what, timeoutMs);

  /** Taps a reply button (`id`, `title`), as a reply to the consumer's `promptIndex`-th message when given. */
  const tap = (c: Consumer, id: string, title: string, promptIndex?: number) =>
    c.reply(bizAccountId, title, {
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id, title } },
      ...(promptIndex !== undefined && { context: { id: String(c.messages[promptIndex]!.messageId) } }),
    });

  /** The contact's latest run of the flow, through the API. */
  async function runOf(flowId: string, waId: string): Promise<FlowRunBody | undefined> {
    const res = await biz.call<{ data: FlowRunBody[] }>('GET', `/${biz.id}/flows/${flowId}/runs?wa_id=${waId}`);
    if (res.status !== 200) throw new Error(`runs not listed: ${res.text}`);
    return res.body.data[0];
  }

  /**
   * `n` runs of the flow's `version`, seeded in SQL as the engine leaves a run at a `delay` node: waiting, its timer
   * (`deadline`, token `<run>-1`) in Postgres only — as after a Redis flush — so the flows sweep must fire it. For
   * tests whose point is the engine, not the send path. Contacts are new wa_ids who wrote a minute ago. Answers the
   * run ids.
   */
  async function seedDelayedRuns(flowId: string, version: number, node: string, n: number, dueInMs: number) {
    const waIds = [...new Set(Array.from({ length: n * 2 }, () => randomConsumer()))].slice(0, n);
    const prisma = stack.prisma;
    await prisma.contact.createMany({
      data: waIds.map((waId) => ({ businessId: biz.id, waId, lastInboundAt: new Date(Date.now() - 60_000) })),
    });
    const base = BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000));
    const runs = waIds.map((waId, i) => {
      const id = String(base + BigInt(i));
      return {
        id,
        businessId: biz.id,
        flowId,
        version,
        phoneNumberId: biz.phoneNumberId,
        waId,
        status: 'waiting',
        activeKey: `${biz.phoneNumberId}:${waId}`,
        currentNode: node,
        waitingFor: { node, attempts: 0, token: `${id}-1`, kind: 'delay' },
        deadline: new Date(Date.now() + dueInMs),
        stepCount: 1,
      };
    });
    await prisma.flowRun.createMany({ data: runs });
    await prisma.flowRunStep.createMany({
      data: runs.map((r) => ({ runId: r.id, seq: 1, node, type: 'delay', outcome: 'delay', variables: {} })),
    });
    return runs.map((r) => r.id);
  }

  /**
   * Dispatches a RUNNING campaign now: the job the campaign sweep would enqueue for it (the sweep is off in test files
   * that share the database — it acts on every campaign there), run by this world's worker.
   */
  async function dispatchCampaign(campaignId: string) {
    await stack
      .workers!.get(QueuesService)
      .add('campaignsDispatch', { campaignId, slice: 0, chain: 'flows' }, { jobId: `campaign-${campaignId}-flows-0` });
  }

  /** The run's steps as `node:outcome kind` (the outcome up to its first colon). */
  async function path(runId: string): Promise<string[]> {
    const steps = await stack.prisma.flowRunStep.findMany({ where: { runId }, orderBy: { seq: 'asc' } });
    return steps.map((s) => `${s.node}:${s.outcome?.split(':')[0]}`);
  }

  return {
    stack,
    biz,
    bizAccountId,
    publish,
    consumer,
    received,
    tap,
    runOf,
    path,
    seedDelayedRuns,
    dispatchCampaign,
    close: () => stack.close(),
  };
}
export type FlowWorld = Awaited<ReturnType<typeof startFlowWorld>>;
export { drinksFlow } from './fixtures';
