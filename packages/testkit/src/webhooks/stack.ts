import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiKeysService } from '@switchboard/business/auth/api-keys.service';
import { BusinessesService } from '@switchboard/business/tenancy/businesses.service';
import { parseConfig } from '@switchboard/config';
import { dropDatabase, withDatabase } from '@switchboard/devtools/services';
import { createLogger } from '@switchboard/platform';
import { applyMigrations } from '@switchboard/prisma/scripts/migrations';
import { deleteByPrefix } from '@switchboard/redis';
import { WebhookEventsService } from '@switchboard/webhooks';
import { WorkerRunner } from '@switchboard/workers/runner/worker-runner';
import { WorkersModule } from '@switchboard/workers/workers.module';
import { type RunningApi, startApi } from '../../../harness';

export interface WebhookStack {
  api: RunningApi;
  events: WebhookEventsService;
  env: Record<string, string>;
  /** Creates a business with an API key; returns its WABA id and Bearer headers. */
  business(): Promise<{ id: string; headers: Record<string, string> }>;
  /** Deletes every Redis key of this stack: queues, delayed retries, wake counters. */
  flushRedis(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API and the worker process's modules in this test process, on a database and Redis prefix of their own: the
 * run's database is shared by every test file, and another file's workers would otherwise sweep and deliver these
 * tests' events with their own retry settings. Retries and the sweeper are fast here.
 */
export async function startWebhookStack(
  overrides: Record<string, string> = {},
  options: { workers?: number } = {},
): Promise<WebhookStack> {
  const id = randomBytes(4).toString('hex');
  const databaseUrl = withDatabase(
    process.env.DATABASE_URL!,
    `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_wh${id}`,
  );
  await applyMigrations(databaseUrl);
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'sb:test:'}wh${id}:`,
    WEBHOOK_RETRY_BASE_MS: '20',
    WEBHOOK_RETRY_MAX_MS: '400',
    WEBHOOK_SWEEP_INTERVAL_SECONDS: '1',
    WEBHOOK_TIMEOUT_MS: '3000',
    ...overrides,
  };
  const api = await startApi(env);
  const config = parseConfig({ ...process.env, ...env });
  // Several worker apps stand for several worker processes: each has its own connections and BullMQ workers.
  const workers: INestApplicationContext[] = [];
  for (let i = 0; i < (options.workers ?? 1); i++) {
    const app = await NestFactory.createApplicationContext(WorkersModule.forRoot(config), { logger: false });
    app.get(WorkerRunner).start(createLogger({ ...config, logLevel: 'silent' }, 'workers-test'));
    await app.init();
    workers.push(app);
  }
  return {
    api,
    env,
    events: api.app.get(WebhookEventsService),
    async business() {
      const business = await api.app
        .get(BusinessesService)
        .createBusiness(`webhooks ${randomBytes(3).toString('hex')}`);
      const key = await api.app.get(ApiKeysService).create(business.id, 'test');
      return { id: business.id, headers: { authorization: `Bearer ${key.token}` } };
    },
    flushRedis: async () => void (await deleteByPrefix(config.redis.url, config.redis.prefix)),
    async close() {
      for (const app of workers) await app.close();
      await api.close();
      await deleteByPrefix(config.redis.url, config.redis.prefix).catch(() => undefined);
      await dropDatabase(databaseUrl).catch(() => undefined);
    },
  };
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms`);
}
