import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { createRedis, type Redis } from '@switchboard/redis';
import { CONFIG } from './tokens';

/** The process's shared command connection to Redis, under the environment's key prefix. */
@Injectable()
export class RedisService implements OnModuleDestroy {
  readonly client: Redis;

  constructor(@Inject(CONFIG) config: Config) {
    this.client = createRedis(config, 'commands');
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
