import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Config } from '@switchboard/config';
import { bindHandlers, type HandlerBinding, jobs, QUEUES } from '@switchboard/jobs';
import { CONFIG } from '@switchboard/platform';
import { bullPrefix, createBullConnection, type Redis } from '@switchboard/redis';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { HANDLER_PROVIDERS } from '../handlers';

/**
 * Runs one BullMQ Worker per queue in the catalogue and dispatches each job to its binding by name (the binding
 * checks the payload against the catalogue's schema: see `bindJob`).
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
    this.connection = createBullConnection(this.config, 'workers');
    const prefix = bullPrefix(this.config);
    this.workers = QUEUES.map((queue) => {
      const worker = new Worker(queue, (job) => this.dispatch(job, handlers), {
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

  private async dispatch(job: Job, handlers: Map<string, HandlerBinding>) {
    const binding = handlers.get(job.name);
    if (!binding) throw new UnrecoverableError(`unknown job "${job.name}"`);
    return binding.run(job.data, job);
  }

  /** Lets active jobs finish (BullMQ's close waits for them), then drops the connection. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.connection?.disconnect();
  }
}
