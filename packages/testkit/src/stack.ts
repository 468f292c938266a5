import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Config, parseConfig } from '@switchboard/config';
import { dropDatabase, withDatabase } from '@switchboard/devtools/services';
import { createLogger } from '@switchboard/platform';
import { applyMigrations } from '@switchboard/prisma/scripts/migrations';
import { deleteByPrefix } from '@switchboard/redis';
import { WorkerRunner } from '@switchboard/workers/runner/worker-runner';
import { WorkersModule } from '@switchboard/workers/workers.module';
import { type RunningApi, startApi } from './api';

export interface StackOptions {
  /** Names the stack's Redis prefix and database, so a leftover key or database says whose it was. */
  label: string;
  /** How many worker processes' modules run in this process (each its own connections and BullMQ workers). */
  workers?: number;
  /** A migrated database of the stack's own instead of the run's shared one, dropped on close. */
  ownDatabase?: boolean;
  env?: Record<string, string>;
}

export interface Stack {
  api: RunningApi;
  workers: INestApplicationContext[];
  config: Config;
  /** What the stack changed in the environment (prefix, database, overrides). */
  env: Record<string, string>;
  /** Deletes every Redis key of this stack: queues, delayed retries, counters. */
  flushRedis(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API — and worker modules, with `workers` — in this test process, on a Redis prefix of their own so that only
 * this stack's workers take this stack's jobs; with `ownDatabase`, no other test file's workers see its rows either.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const id = `${options.label}${randomBytes(3).toString('hex')}`;
  const databaseUrl = options.ownDatabase
    ? withDatabase(process.env.DATABASE_URL!, `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_${id}`)
    : undefined;
  if (databaseUrl) await applyMigrations(databaseUrl);
  const env: Record<string, string> = {
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'sb:test:'}${id}:`,
    ...options.env,
  };
  const api = await startApi(env);
  const config = parseConfig({ ...process.env, ...env });
  const workers: INestApplicationContext[] = [];
  for (let i = 0; i < (options.workers ?? 0); i++) {
    const app = await NestFactory.createApplicationContext(WorkersModule.forRoot(config), { logger: false });
    app.get(WorkerRunner).start(createLogger({ ...config, logLevel: 'silent' }, 'workers-test'));
    await app.init();
    workers.push(app);
  }
  const flushRedis = async () => void (await deleteByPrefix(config.redis.url, config.redis.prefix));
  return {
    api,
    workers,
    config,
    env,
    flushRedis,
    async close() {
      for (const app of workers) await app.close();
      await api.close();
      await flushRedis().catch(() => undefined);
      if (databaseUrl) await dropDatabase(databaseUrl).catch(() => undefined);
    },
  };
}
