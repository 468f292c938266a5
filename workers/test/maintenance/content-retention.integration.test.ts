import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { parseConfig } from '@switchboard/config';
import { JobQueues } from '@switchboard/jobs';
import { createLogger, PrismaService } from '@switchboard/platform';
import { applyMigrations } from '@switchboard/prisma/scripts/migrations';
import { bullPrefix, createBullConnection, deleteByPrefix } from '@switchboard/redis';
import { scratchDatabases } from '@switchboard/testkit/databases';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerRunner } from '../../src/runner/worker-runner';
import { WorkersModule } from '../../src/workers.module';

const DAY_MS = 86_400_000;

// BUSINESS_CONTENT_RETENTION_DAYS through the worker's own job, on the real Redis and Postgres. Its queues have a Redis
// prefix of their own and its rows a database of their own: other test files' workers would otherwise claim its
// pending webhook delivery (whose subscription does not exist) and settle it, and its event would then be emptied.
describe('content retention', () => {
  const databases = scratchDatabases();
  const databaseUrl = databases.url('retention');
  const config = parseConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'sb:test:'}retention${randomBytes(3).toString('hex')}:`,
    BUSINESS_CONTENT_RETENTION_DAYS: '10',
    LOG_LEVEL: 'silent',
    BUSINESS_DEVICE: 'off',
  });
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;
  let queues: JobQueues;
  let events: QueueEvents;

  beforeAll(async () => {
    await applyMigrations(databaseUrl);
    app = await NestFactory.createApplicationContext(WorkersModule.forRoot(config), { logger: false });
    app.get(WorkerRunner).start(createLogger(config, 'workers-test'));
    await app.init();
    queues = new JobQueues(config);
    events = new QueueEvents('maintenance', {
      connection: createBullConnection(config, 'retention-test'),
      prefix: bullPrefix(config),
    });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await events.close();
    await queues.close();
    await app.close();
    await deleteByPrefix(config.redis.url, config.redis.prefix).catch(() => undefined);
    await databases.dropAll();
  });

  it('empties message payloads and webhook values past retention, keeping the rows, statuses and log metadata', async () => {
    const prisma = app.get(PrismaService).client;
    const businessId = `9${Date.now()}`;
    const run = randomBytes(4).toString('hex');
    const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
    const message = (name: string, createdAt: Date, extra: Record<string, unknown> = {}) =>
      prisma.businessMessage.create({
        data: {
          wamid: `wamid.${run}.${name}`,
          businessId,
          phoneNumberId: '1000000000000001',
          direction: 'outbound',
          waId: '16505551234',
          type: 'text',
          payload: { text: { body: `secret ${name}` } },
          status: 'read',
          createdAt,
          ...extra,
        },
      });
    const oldText = await message('old-text', ago(20));
    const oldTemplate = await message('old-template', ago(20), {
      type: 'template',
      status: 'delivered',
      payload: { template: { name: 'order_shipped' }, rendered: { category: 'UTILITY', body: 'Hello secret' } },
    });
    const oldQueued = await message('old-queued', ago(20), { status: 'queued' });
    const recent = await message('recent', ago(9));

    const event = (name: string, createdAt: Date) =>
      prisma.webhookEvent.create({
        data: { businessId, field: 'messages', value: `{"secret":"${name}"}`, orderingKey: `wamid.${name}`, createdAt },
      });
    const delivery = (eventId: bigint, state: 'delivered' | 'pending') =>
      prisma.webhookDelivery.create({
        data: {
          eventId,
          subscriptionId: `sub-${run}`,
          state,
          attemptIds: [],
          expiresAt: new Date(Date.now() + DAY_MS),
        },
      });
    const oldEvent = await event('old', ago(20));
    await delivery(oldEvent.id, 'delivered');
    // The event and its pending delivery in one transaction: this worker's own periodic purge may run between two
    // separate writes and empty an event that has no delivery yet.
    const oldPending = await prisma.$transaction(async (tx) => {
      const created = await tx.webhookEvent.create({
        data: {
          businessId,
          field: 'messages',
          value: '{"secret":"old-pending"}',
          orderingKey: 'wamid.old-pending',
          createdAt: ago(20),
        },
      });
      await tx.webhookDelivery.create({
        data: {
          eventId: created.id,
          subscriptionId: `sub-${run}`,
          state: 'pending',
          attemptIds: [],
          expiresAt: new Date(Date.now() + DAY_MS),
        },
      });
      return created;
    });
    const recentEvent = await event('recent', ago(1));

    // Every worker of the run adds this job on its timer too, so another purge may do the work first: the rows'
    // state once this run of the job has finished is what counts.
    const job = await queues.add('purgeContent', {});
    await job.waitUntilFinished(events, 20_000);

    const read = (id: bigint) => prisma.businessMessage.findUniqueOrThrow({ where: { id } });
    // Emptied, the row and its status kept; a template keeps the category its status webhooks' pricing reads.
    expect(await read(oldText.id)).toMatchObject({ payload: {}, status: 'read', contentPurgedAt: expect.any(Date) });
    expect(await read(oldTemplate.id)).toMatchObject({
      payload: { rendered: { category: 'UTILITY' } },
      status: 'delivered',
      contentPurgedAt: expect.any(Date),
    });
    // A message still waiting to be sent keeps what it must send; a recent one keeps everything.
    expect(await read(oldQueued.id)).toMatchObject({ payload: { text: { body: 'secret old-queued' } } });
    expect(await read(recent.id)).toMatchObject({
      payload: { text: { body: 'secret recent' } },
      contentPurgedAt: null,
    });

    const value = async (id: bigint) => (await prisma.webhookEvent.findUniqueOrThrow({ where: { id } })).value;
    expect(await value(oldEvent.id)).toBe('{}');
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: oldEvent.id } })).toMatchObject({
      field: 'messages',
      orderingKey: 'wamid.old',
    });
    // A delivery that can still be sent keeps its event whole.
    expect(await value(oldPending.id)).toBe('{"secret":"old-pending"}');
    expect(await value(recentEvent.id)).toBe('{"secret":"recent"}');

    // Idempotent: a second run changes nothing.
    const again = await queues.add('purgeContent', {});
    await again.waitUntilFinished(events, 20_000);
    expect(await read(oldText.id)).toMatchObject({ payload: {}, status: 'read' });
    expect(await value(recentEvent.id)).toBe('{"secret":"recent"}');
  });
});
