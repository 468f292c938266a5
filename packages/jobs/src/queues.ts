import type { Config } from '@switchboard/config';
import { bullPrefix, createBullConnection, type Redis } from '@switchboard/redis';
import { type JobsOptions, Queue } from 'bullmq';
import { type JobKey, type JobPayload, jobs, QUEUES, type QueueName } from './catalogue';

/**
 * Defaults for every job: failed jobs stay in Redis as evidence (removeOnFail: false); completed ones are trimmed to
 * a bounded count and age so a busy system does not keep millions of them.
 */
export function defaultJobOptions(config: Config): JobsOptions {
  return {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
    removeOnComplete: { count: config.workers.keepCompleted, age: 24 * 3600 },
    removeOnFail: false,
  };
}

/** Producer side: typed enqueueing onto the catalogue's queues. */
export class JobQueues {
  private readonly connection: Redis;
  readonly queues: Map<QueueName, Queue>;

  constructor(config: Config) {
    this.connection = createBullConnection(config, 'queues');
    const prefix = bullPrefix(config);
    this.queues = new Map(
      QUEUES.map((name) => [
        name,
        new Queue(name, { connection: this.connection, prefix, defaultJobOptions: defaultJobOptions(config) }),
      ]),
    );
  }

  /** Validates the payload against the catalogue before it reaches Redis. */
  async add<K extends JobKey>(key: K, payload: JobPayload<K>, options: JobsOptions = {}) {
    const def = jobs[key];
    const data = def.payload.parse(payload);
    const queue = this.queues.get(def.queue)!;
    return queue.add(def.name, data, { ...def.options, ...options });
  }

  async counts(): Promise<Record<QueueName, Record<string, number>>> {
    const entries = await Promise.all(
      [...this.queues].map(
        async ([name, q]) =>
          [name, await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed')] as const,
      ),
    );
    return Object.fromEntries(entries) as Record<QueueName, Record<string, number>>;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}
