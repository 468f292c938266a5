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

  /** The contact's latest run of the flow, through the API. */
  async function runOf(flowId: string, waId: string): Promise<FlowRunBody | undefined> {
    const res = await biz.call<{ data: FlowRunBody[] }>('GET', `/${biz.id}/flows/${flowId}/runs?wa_id=${waId}`);
    if (res.status !== 200) throw new Error(`runs not listed: ${res.text}`);
    return res.body.data[0];
  }

  /** The run's steps as `node:outcome kind` (the outcome up to its first colon). */
  async function path(runId: string): Promise<string[]> {
    const steps = await stack.prisma.flowRunStep.findMany({ where: { runId }, orderBy: { seq: 'asc' } });
    return steps.map((s) => `${s.node}:${s.outcome?.split(':')[0]}`);
  }

  return { stack, biz, bizAccountId, publish, consumer, received, runOf, path, close: () => stack.close() };
}
export type FlowWorld = Awaited<ReturnType<typeof startFlowWorld>>;
