import { type DynamicModule, Module } from '@nestjs/common';
import { GraphIds } from '@switchboard/business/common/ids';
import { MembersRepository } from '@switchboard/business/console/members/members.repository';
import { BusinessesService } from '@switchboard/business/tenancy/businesses.service';
import type { Config } from '@switchboard/config';
import { CONFIG, PrismaService, QueuesService, RedisService } from '@switchboard/platform';

/** What browser tests make their fixtures with, beside the API process: businesses and first owners' setup links. */
@Module({})
export class ConsoleFixturesModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: ConsoleFixturesModule,
      providers: [
        { provide: CONFIG, useValue: config },
        PrismaService,
        RedisService,
        QueuesService,
        GraphIds,
        BusinessesService,
        MembersRepository,
      ],
    };
  }
}
