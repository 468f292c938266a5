import type { OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy, Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { Config } from '@switchboard/config';
import type { Owner } from '@switchboard/jobs';
import type { QueuesService } from '../queues.service';
import type { RedisService } from '../redis.service';
import { BackgroundScheduler, type LoopBindings } from './scheduler';

/** Finds a provider anywhere in the application (the loops' services live in many modules). */
export type ProviderLookup = <T>(type: Type<T>) => T;

/**
 * A process's background work as a Nest provider: at application bootstrap it binds the loops declared for the process
 * to their services (found anywhere in the application) and starts its scheduler; at shutdown it stops it.
 */
export abstract class BackgroundService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  scheduler?: BackgroundScheduler;
  private stopped?: Promise<void>;

  protected constructor(
    private readonly owner: Owner,
    private readonly config: Config,
    private readonly queues: QueuesService,
    private readonly redis: RedisService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The process's loop implementations; `get` finds a provider anywhere in the application. */
  protected abstract bindings(get: ProviderLookup): LoopBindings;

  async onApplicationBootstrap(): Promise<void> {
    const get: ProviderLookup = (type) => this.moduleRef.get(type, { strict: false });
    this.scheduler = new BackgroundScheduler(
      this.owner,
      this.config,
      this.queues,
      this.redis.client,
      this.bindings(get),
    );
    await this.scheduler.start();
  }

  /**
   * Stopped in the first shutdown phase, so no pass starts while other modules close their connections (a pass
   * against a closed Redis only logs "Connection is closed" every interval), and again — the same promise — in the
   * last, in case an earlier hook threw and Nest skipped the rest of the first phase.
   */
  onModuleDestroy(): Promise<void> {
    this.stopped ??= this.scheduler?.stop() ?? Promise.resolve();
    return this.stopped;
  }

  onApplicationShutdown(): Promise<void> {
    return this.onModuleDestroy();
  }
}
