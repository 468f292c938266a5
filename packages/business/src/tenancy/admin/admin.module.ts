import { type DynamicModule, Module } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { AuthThrottle } from '@switchboard/core/auth/auth-throttle';
import { CONFIG, PrismaService, QueuesService, RedisService } from '@switchboard/platform';
import { ApiKeysService } from '../../auth/api-keys.service';
import { KeyRevocations } from '../../auth/key-revocations';
import { GraphIds } from '../../common/ids';
import { MembersRepository } from '../../console/members/members.repository';
import { BusinessesService } from '../businesses.service';

/**
 * Just what the admin command needs: no HTTP, no node registration (Redis: revoke-key announces; add-number queues the
 * number's device).
 */
@Module({})
export class AdminModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: AdminModule,
      providers: [
        { provide: CONFIG, useValue: config },
        PrismaService,
        RedisService,
        QueuesService,
        GraphIds,
        BusinessesService,
        ApiKeysService,
        AuthThrottle,
        KeyRevocations,
        MembersRepository,
      ],
    };
  }
}
