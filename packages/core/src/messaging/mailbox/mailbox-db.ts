import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PgPool } from '@switchboard/platform';
import pg from 'pg';

/**
 * The message path's own small pg pool. Why not PrismaService: the mailbox runs a handful of hand-written, batched SQL
 * statements (multi-row inserts from arrays, DELETE … RETURNING), and through Prisma's raw-query layer each costs about
 * three times as much client CPU as through pg (measured on this machine); on the hottest path of the system that
 * matters. Everything else in the core uses Prisma.
 */
@Injectable()
export class MailboxDb extends PgPool implements OnApplicationShutdown {
  constructor(@Inject(CONFIG) config: Config) {
    super('mailbox', {
      connectionString: config.databaseUrl,
      max: config.messaging.dbPoolSize,
      // MAILBOX_SYNCHRONOUS_COMMIT=off trades the last ~0.6 s of ✓ on a Postgres or machine crash for the WAL flush
      // in every send's path (see packages/config). Only this pool: everything else keeps the server's setting.
      ...(!config.messaging.synchronousCommit && { options: '-c synchronous_commit=off' }),
    });
  }

  // Last, after every module's destroy hook: the mailbox finishes its pending writes first.
  async onApplicationShutdown(): Promise<void> {
    await this.end();
  }
}

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
