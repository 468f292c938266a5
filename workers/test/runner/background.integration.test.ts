import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseConfig } from '@switchboard/config';
import { createPrisma } from '@switchboard/db';
import { backgroundFor, cadenceMs, JobQueues } from '@switchboard/jobs';
import { createLogger, PrismaService } from '@switchboard/platform';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerBackground } from '../../src/runner/background';
import { WorkerRunner } from '../../src/runner/worker-runner';
import { WorkersModule } from '../../src/workers.module';

/** What the declaration says `owner` runs in this configuration (the jobs added on demand need no timer). */
const declared = (owner: 'api' | 'worker', config: ReturnType<typeof parseConfig>) =>
  backgroundFor(owner, config)
    .filter(([, w]) => w.kind !== 'on-demand')
    .map(([key, w]) => ({ key, kind: w.kind, everyMs: 'everyMs' in w ? cadenceMs(w.everyMs, config) : 0 }))
    .sort((a, b) => a.key.localeCompare(b.key));

describe('background work in the worker process', () => {
  // A Redis prefix of its own: its periodic jobs stay out of other files' queues.
  const config = parseConfig({
    ...process.env,
    REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'sb:test:'}bg:`,
    LOG_LEVEL: 'silent',
    BUSINESS_DEVICE: 'on',
    CAMPAIGNS_SWEEP: 'off',
    // A tick every second: a boot tick that is slow, failed or lost under load is followed by another within the wait.
    NODE_PRUNE_INTERVAL_SECONDS: '1',
  });
  let workers: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;

  beforeAll(async () => {
    // A node that stopped beating long ago: only the scheduled prune job can remove it here.
    const prisma = createPrisma(config.databaseUrl);
    await prisma.serviceNode.upsert({
      where: { id: 'long-gone-node' },
      create: {
        id: 'long-gone-node',
        kind: 'worker',
        host: 'gone',
        pid: 1,
        lastSeenAt: new Date(Date.now() - 3_600_000),
      },
      update: { lastSeenAt: new Date(Date.now() - 3_600_000) },
    });
    await prisma.$disconnect();
    workers = await NestFactory.createApplicationContext(WorkersModule.forRoot(config), { logger: false });
    workers.get(WorkerRunner).start(createLogger(config, 'workers-test'));
    await workers.init();
  });
  afterAll(async () => {
    await workers?.close();
  });

  it('starts in the worker process exactly what the declaration lists for workers', () => {
    const started = [...workers.get(WorkerBackground).scheduler!.started()].sort((a, b) => a.key.localeCompare(b.key));
    expect(started).toEqual(declared('worker', config));
    expect(started.map((w) => w.key)).toEqual(expect.arrayContaining(['pruneServiceNodes', 'sendOutbox']));
  });

  it('runs the prune job it schedules: a node that stopped beating is forgotten, with nobody adding the job', async () => {
    const queues = new JobQueues(config);
    try {
      const maintenance = queues.queues.get('maintenance')!;
      const pruned = async () =>
        (await maintenance.getJobs(['completed'])).find((j) => j.name === 'maintenance.prune-service-nodes');
      await waitFor(async () => !!(await pruned()), 'a scheduled prune job completed');
      expect((await pruned())!.id).toMatch(/^tick-pruneServiceNodes-1000-/); // the configured cadence
    } finally {
      await queues.close();
    }
    const prisma = workers.get(PrismaService).client;
    expect(await prisma.serviceNode.findUnique({ where: { id: 'long-gone-node' } })).toBeNull();
    // This process's own row is fresh and stays.
    const fresh = { kind: 'worker', lastSeenAt: { gt: new Date(Date.now() - 60_000) } };
    expect(await prisma.serviceNode.count({ where: fresh })).toBeGreaterThan(0);
  });
});
