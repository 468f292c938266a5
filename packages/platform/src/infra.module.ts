import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { NodeRegistryService } from './node-registry.service';
import { PrismaService } from './prisma.service';
import { QueuesService } from './queues.service';
import { RedisService } from './redis.service';
import { CONFIG, NODE_KIND } from './tokens';

/** Config, Postgres, Redis and queues, available to every feature module. */
@Global()
@Module({})
export class InfraModule {
  static forRoot(config: Config, kind: 'api' | 'worker'): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: config },
      { provide: NODE_KIND, useValue: kind },
      PrismaService,
      RedisService,
      QueuesService,
      NodeRegistryService,
    ];
    return { module: InfraModule, providers, exports: providers };
  }
}
