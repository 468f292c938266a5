import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '@switchboard/config';
import { JobQueues } from '@switchboard/jobs';
import { randomConsumer } from '@switchboard/testkit/business/api';
import { type CampaignWorld, campaignWorld, seedBusiness } from '@switchboard/testkit/campaigns/world';
import { edge } from '@switchboard/testkit/flows/world';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// kill -9 of a worker process in the middle of a flow run's turn (docs/flows.md "Turns taken again"): real worker
// processes (workers/src/main.ts) in a scratch database of their own, so their flows sweep sees only this file's runs.
// The run is seeded in SQL as the API leaves one it started, and its `flows.advance` job added as the API adds it. The
// business device is off (the send is accepted into the send path's log and outbox, which is where a second copy would
// show), and with it the flows sweep: the job the killed worker held is taken again by BullMQ's stalled-job check.
describe('a flow run when its worker is killed mid-turn', () => {
  let world: CampaignWorld;
  let service: Server;
  let url: string;
  const calls: { path: string; key: string }[] = [];
  /** Responses to /slow held open: the turn that made the call cannot finish. */
  const held: ServerResponse[] = [];
  let holdSlow = true;
  let queues: JobQueues;

  beforeAll(async () => {
    service = createServer((req: IncomingMessage, res: ServerResponse) => {
      const path = req.url ?? '';
      calls.push({ path, key: String(req.headers['idempotency-key']) });
      res.setHeader('content-type', 'application/json');
      if (path === '/slow' && holdSlow) return void held.push(res);
      res.end(JSON.stringify({ n: calls.length }));
    });
    await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
    world = await campaignWorld('fcrash');
    queues = new JobQueues(
      parseConfig({ ...process.env, DATABASE_URL: world.databaseUrl, REDIS_PREFIX: world.redisPrefix }),
    );
  }, 120_000);
  afterAll(async () => {
    await queues?.close();
    await world?.close();
    for (const res of held) res.destroy();
    await new Promise((r) => service?.close(r));
  }, 60_000);

  it('the run continues in another worker and takes no step twice', async () => {
    const s = await seedBusiness(world.prisma, { rate: 100 });
    const waId = randomConsumer();
    const flowId = `${Date.now()}`;
    const runId = `${Date.now()}1`;
    const definition = {
      start: 'hi',
      variables: [
        { name: 'first', type: 'number' },
        { name: 'second', type: 'number' },
      ],
      nodes: [
        { id: 'hi', type: 'send_text', text: 'Hi' },
        { id: 'a', type: 'http', url: `${url}/fast`, save: { first: 'n' } },
        { id: 'b', type: 'http', url: `${url}/slow`, save: { second: 'n' } },
        { id: 'e', type: 'end' },
      ],
      edges: [edge('hi', 'a'), edge('a', 'b'), edge('b', 'e')],
    };
    await world.prisma.contact.create({ data: { businessId: s.businessId, waId, lastInboundAt: new Date() } });
    await world.prisma.flow.create({
      data: {
        id: flowId,
        businessId: s.businessId,
        name: 'crash',
        phoneNumberIds: [s.phoneNumberId],
        draft: definition,
        liveVersion: 1,
        versions: { create: { version: 1, definition } },
      },
    });
    // Started by the API: the run, then its job.
    await world.prisma.flowRun.create({
      data: {
        id: runId,
        businessId: s.businessId,
        flowId,
        version: 1,
        phoneNumberId: s.phoneNumberId,
        waId,
        status: 'running',
        activeKey: `${s.phoneNumberId}:${waId}`,
        currentNode: 'hi',
      },
    });
    await queues.add('flowsAdvance', { runId }, { jobId: `flow-start-${runId}` });
    const env = { OUTBOUND_PRIVATE_NETWORKS: 'allow' };
    const victim = world.startWorker(env);
    // Mid-turn: the send is accepted, the first call answered and recorded, the second call in flight.
    const state = async () =>
      JSON.stringify(await world.prisma.flowRun.findUnique({ where: { id: runId }, include: { steps: true } }));
    await waitFor(async () => calls.some((c) => c.path === '/slow'), 'the turn at its second HTTP step', 60_000).catch(
      async (err) => {
        throw new Error(`${(err as Error).message}: ${JSON.stringify(calls)} ${await state()}`);
      },
    );
    process.kill(-victim.pid, 'SIGKILL');
    holdSlow = false;
    world.startWorker(env);
    const run = () => world.prisma.flowRun.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
    // The killed worker's job is stalled: BullMQ hands it to the other worker once its lock lapses (about 30 s).
    await waitFor(async () => (await run()).status === 'completed', 'the run completed by the other worker', 120_000);

    const done = await run();
    expect(done.steps.sort((x, y) => x.seq - y.seq).map((st) => `${st.node}:${st.outcome?.split(':')[0]}`)).toEqual([
      'hi:sent',
      'a:http',
      'b:http',
      'e:end',
    ]);
    // The send was replayed by its Idempotency-Key: one message in the log.
    expect(await world.prisma.businessMessage.count({ where: { waId, direction: 'outbound' } })).toBe(1);
    // The recorded answer of the first call was reused; the second, never recorded, was made again under its key.
    const fast = calls.filter((c) => c.path === '/fast');
    const slow = calls.filter((c) => c.path === '/slow');
    expect(fast).toHaveLength(1);
    expect(slow).toHaveLength(2);
    expect(slow[1]!.key).toBe(slow[0]!.key);
    expect(done.variables).toEqual({ first: 1, second: 3 });
  }, 180_000);
});
