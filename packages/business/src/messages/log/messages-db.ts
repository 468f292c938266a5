import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PgPool } from '@switchboard/platform';
import pg from 'pg';

/**
 * The send path's own small pg pool, for its batched statements (accepting messages, window lookups). Same reason as
 * the mailbox's and the webhooks' pools: through Prisma's raw-query layer each statement costs several times the
 * client CPU, and this is the path the `api` benchmark measures. Sessions run in UTC because Prisma stores
 * `timestamp(3)` columns as UTC.
 */
@Injectable()
export class MessagesDb extends PgPool implements OnApplicationShutdown {
  constructor(@Inject(CONFIG) config: Config) {
    super('messages', {
      connectionString: config.databaseUrl,
      max: config.business.messagesDbPoolSize,
      options: '-c TimeZone=UTC',
    });
  }

  /**
   * A statement run often with the same text: prepared once per connection under `name`, so Postgres parses and
   * plans it once instead of per batch (the accept statement's plan cost showed on the shared cores).
   */
  prepared<R extends pg.QueryResultRow>(name: string, sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>({ name, text: sql, values: params });
  }

  // After every module's destroy hook: pending batched writes finish first.
  async onApplicationShutdown(): Promise<void> {
    await this.end();
  }
}
