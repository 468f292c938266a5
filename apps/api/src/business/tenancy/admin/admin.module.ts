import { type DynamicModule, Module } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PrismaService } from '@switchboard/platform';
import { ApiKeysService } from '../../auth/api-keys.service';
import { GraphIds } from '../../common/ids';
import { BusinessesService } from '../businesses.service';

/** Just what the admin command needs: no HTTP, no queues, no node registration. */
@Module({})
export class AdminModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: AdminModule,
      providers: [{ provide: CONFIG, useValue: config }, PrismaService, GraphIds, BusinessesService, ApiKeysService],
    };
  }
}
