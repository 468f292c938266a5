import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import pg from 'pg';

/**
 * The message path's own small pg pool. Why not PrismaService: the mailbox runs a handful of hand-written, batched SQL
 * statements (multi-row inserts from arrays, DELETE … RETURNING), and through Prisma's raw-query layer each costs about
 * three times as much client CPU as through pg (measured on this machine); on the hottest path of the system that
 * matters. Everything else in the core uses Prisma.
 */
@Injectable()
export class MailboxDb implements OnApplicationShutdown {
  private readonly log = new Logger('MailboxDb');
  readonly pool: pg.Pool;

  constructor(@Inject(CONFIG) config: Config) {
    this.pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.messaging.dbPoolSize,
      application_name: 'switchboard:mailbox',
      // MAILBOX_SYNCHRONOUS_COMMIT=off trades the last ~0.6 s of ✓ on a Postgres or machine crash for the WAL flush
      // in every send's path (see packages/config). Only this pool: everything else keeps the server's setting.
      ...(!config.messaging.synchronousCommit && { options: '-c synchronous_commit=off' }),
    });
    // An idle connection dropped by the server must not crash the process; the pool reconnects on next use.
    this.pool.on('error', (err) => this.log.warn(`idle mailbox connection failed: ${err.message}`));
  }

  query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, params);
  }

  /** Runs `work` in one transaction on one connection. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  // Last, after every module's destroy hook: the mailbox finishes its pending writes first.
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
