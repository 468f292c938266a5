import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PgPool } from '@switchboard/platform';

/**
 * The campaign dispatcher's own pg pool: each batch is one transaction holding its recipients' row locks across the
 * throughput wait, and its statements are hand-written batches (see PgPool for why not Prisma). Small: a worker runs
 * few campaigns at once, each with at most 4 batches in flight. Sessions in UTC like Prisma's timestamps.
 */
@Injectable()
export class CampaignsDb extends PgPool implements OnApplicationShutdown {
  constructor(@Inject(CONFIG) config: Config) {
    super('campaigns', { connectionString: config.databaseUrl, max: 6, options: '-c TimeZone=UTC' });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.end();
  }
}
