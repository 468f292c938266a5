import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseConfig } from '@switchboard/config';
import { JobQueues } from '@switchboard/jobs';
import { createLogger, PrismaService } from '@switchboard/platform';
import { bullPrefix, createBullConnection } from '@switchboard/redis';
import { waitFor } from '@switchboard/testkit/wait';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerRunner } from '../src/runner/worker-runner';
import { WorkersModule } from '../src/workers.module';

// The worker process's own modules, on the run's real Redis and Postgres.
describe('workers', () => {
  const config = parseConfig({ ...process.env, JOBS_KEEP_COMPLETED: '2', LOG_LEVEL: 'silent', BUSINESS_DEVICE: 'off' });
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;
  let queues: JobQueues;

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(WorkersModule.forRoot(config), { logger: false });
    app.get(WorkerRunner).start(createLogger(config, 'workers-test'));
    await app.init();
    queues = new JobQueues(config);
  });
  afterAll(async () => {
    await queues.close();
    await app.close();
  });

  it('runs a job from the catalogue and returns its result', async () => {
    // Read from the completion event: with JOBS_KEEP_COMPLETED=2 the scheduler's periodic jobs, completing on this
    // queue too, trim the completed set and may remove this job the moment it is done.
    const events = new QueueEvents('maintenance', {
      connection: createBullConnection(config, 'workers-test-events'),
      prefix: bullPrefix(config),
    });
    try {
      await events.waitUntilReady();
      const job = await queues.add('echo', { text: 'hello' });
      expect(await job.waitUntilFinished(events, 15_000)).toMatchObject({ echoed: 'hello' });
    } finally {
      await events.close();
    }
  });

  it('refuses a payload that breaks the catalogue’s schema before it reaches Redis', async () => {
    await expect(queues.add('echo', { text: 42 } as never)).rejects.toThrow();
  });

  it('keeps failed jobs as evidence and fails bad payloads without retrying', async () => {
    const queue = queues.queues.get('maintenance')!;
    const job = await queue.add('maintenance.echo', { text: { not: 'a string' } }, { attempts: 5 });
    await waitFor(async () => (await queue.getJob(job.id!))?.failedReason !== undefined);
    const failed = (await queue.getJob(job.id!))!;
    expect(failed.failedReason).toMatch(/invalid payload for maintenance.echo/);
    expect(failed.attemptsMade).toBe(1);
    expect((await queue.getFailed()).map((j) => j.id)).toContain(job.id);
  });

  it('trims completed jobs to the configured count', async () => {
    const queue = queues.queues.get('maintenance')!;
    for (let i = 0; i < 6; i++) await queues.add('echo', { text: `n${i}` });
    await waitFor(async () => (await queue.getJobCounts('waiting', 'active')).waiting === 0);
    await waitFor(async () => (await queue.getJobCounts('active')).active === 0);
    expect((await queue.getJobCounts('completed')).completed).toBeLessThanOrEqual(2);
  });

  it('registers the process in ServiceNode and prunes nodes that stopped beating', async () => {
    const prisma = app.get(PrismaService).client;
    expect(await prisma.serviceNode.count({ where: { kind: 'worker' } })).toBeGreaterThanOrEqual(1);
    await prisma.serviceNode.create({
      data: { id: 'dead-node', kind: 'api', host: 'gone', pid: 1, lastSeenAt: new Date(Date.now() - 3_600_000) },
    });
    const job = await queues.add('pruneServiceNodes', { olderThanSeconds: 600 });
    await waitFor(async () => (await job.getState()) === 'completed');
    expect(await prisma.serviceNode.findUnique({ where: { id: 'dead-node' } })).toBeNull();
  });
});
