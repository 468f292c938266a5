import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { createRedis, type Redis } from '@switchboard/redis';
import { CONFIG } from './tokens';

/** The process's shared command connection to Redis, under the environment's key prefix. */
@Injectable()
export class RedisService implements OnModuleDestroy {
  private readonly log = new Logger('Redis');
  readonly client: Redis;
  private closing = false;

  constructor(@Inject(CONFIG) config: Config) {
    this.client = createRedis(config, 'commands');
    // Without a listener ioredis prints every connection error as an unhandled event with a stack. Commands already
    // fail with the error themselves; this says once that the connection has trouble, and nothing once we close it
    // (work that outlives shutdown — a socket's close handler, say — finds it closed, by design).
    this.client.on('error', (err: Error) => {
      if (!this.closing) this.log.warn(`redis: ${err.message}`);
    });
  }

  /** False once shutdown has begun: fire-and-forget writers skip rather than fail. */
  get open(): boolean {
    return !this.closing;
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
