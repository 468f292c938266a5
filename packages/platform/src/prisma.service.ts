import { Inject, Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { createPrisma, type PrismaClient } from '@switchboard/db';
import { CONFIG, NODE_KIND } from './tokens';

/** The process's one PrismaClient (pg driver adapter), closed on shutdown. */
@Injectable()
export class PrismaService implements OnModuleDestroy {
  readonly client: PrismaClient;

  constructor(@Inject(CONFIG) config: Config, @Optional() @Inject(NODE_KIND) kind?: 'api' | 'worker') {
    // e.g. "switchboard-worker-4711": pg_stat_activity then says which process a connection belongs to.
    this.client = createPrisma(config.databaseUrl, `switchboard-${kind ?? 'tool'}-${process.pid}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.$disconnect();
  }
}
