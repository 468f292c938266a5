import { Logger } from '@nestjs/common';
import pg from 'pg';

/**
 * A small pg pool of a hot path's own (mailbox, send path, webhook outbox), for hand-written batched SQL: through
 * Prisma's raw-query layer those statements cost several times the client CPU. Everything else uses PrismaService.
 * Subclasses add their session settings and end the pool in the lifecycle hook that suits their shutdown order.
 */
export class PgPool {
  readonly pool: pg.Pool;

  constructor(name: string, config: pg.PoolConfig) {
    this.pool = new pg.Pool({ application_name: `switchboard:${name}`, ...config });
    // An idle connection dropped by the server must not crash the process; the pool reconnects on next use.
    const log = new Logger(`PgPool:${name}`);
    this.pool.on('error', (err) => log.warn(`idle ${name} connection failed: ${err.message}`));
  }

  query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, params);
  }

  /**
   * Runs `work` in one transaction on one connection (one commit, so one WAL flush). `relaxedCommit`: the commit does
   * not wait for its WAL to reach the disk (synchronous_commit off) — only for work a crash may safely undo.
   */
  async transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    options: { relaxedCommit?: boolean } = {},
  ): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(options.relaxedCommit ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
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

  end(): Promise<void> {
    return this.pool.end();
  }
}
