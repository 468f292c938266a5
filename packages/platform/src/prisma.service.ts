import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { createPrisma, type PrismaClient } from '@switchboard/db';
import { CONFIG } from './tokens';

/** The process's one PrismaClient (pg driver adapter), closed on shutdown. */
@Injectable()
export class PrismaService implements OnModuleDestroy {
  readonly client: PrismaClient;

  constructor(@Inject(CONFIG) config: Config) {
    this.client = createPrisma(config.databaseUrl);
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.$disconnect();
  }
}
