import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Config } from '@switchboard/config';
import { bindHandlers, type Handler, type HandlerBinding, jobs, QUEUES } from '@switchboard/jobs';
import { CONFIG } from '@switchboard/platform';
import { bullPrefix, createBullConnection, type Redis } from '@switchboard/redis';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import { HANDLER_PROVIDERS } from '../handlers';

/**
 * Runs one BullMQ Worker per queue in the catalogue and dispatches each job to its handler by name.
 * A payload that does not match the catalogue's schema fails without retries: retrying cannot fix it.
 */
@Injectable()
export class WorkerRunner implements OnApplicationShutdown {
  private workers: Worker[] = [];
  private connection?: Redis;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Throws CatalogueError before consuming anything if a job has no handler or two. */
  start(logger: Logger): void {
    const bindings: HandlerBinding[] = HANDLER_PROVIDERS.flatMap((p) => this.moduleRef.get(p).bindings());
    const handlers = bindHandlers(jobs, bindings);
    const schemas = new Map(Object.values(jobs).map((j) => [j.name, j.payload]));
    this.connection = createBullConnection(this.config, 'workers');
    const prefix = bullPrefix(this.config);
    this.workers = QUEUES.map((queue) => {
      const worker = new Worker(queue, (job) => this.dispatch(job, handlers, schemas), {
        connection: this.connection!,
        prefix,
        concurrency: this.config.workers.concurrency,
      });
      worker.on('failed', (job, err) => logger.warn({ queue, job: job?.name, id: job?.id, err }, 'job failed'));
      worker.on('error', (err) => logger.error({ queue, err }, 'worker error'));
      return worker;
    });
    logger.info({ queues: QUEUES, jobs: [...handlers.keys()] }, 'workers consuming');
  }

  private async dispatch(job: Job, handlers: Map<string, Handler>, schemas: Map<string, ZodType>) {
    const handler = handlers.get(job.name);
    const schema = schemas.get(job.name);
    if (!handler || !schema) throw new UnrecoverableError(`unknown job "${job.name}"`);
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}: ${parsed.error.message}`);
    return handler(parsed.data, job);
  }

  /** Lets active jobs finish (BullMQ's close waits for them), then drops the connection. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.connection?.disconnect();
  }
}
