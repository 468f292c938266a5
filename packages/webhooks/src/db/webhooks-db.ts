import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PgPool } from '@switchboard/platform';
import pg from 'pg';

/**
 * The webhook outbox's own small pg pool, for the hand-written batched statements of the delivery path (claims of
 * up to 1,000 rows, outcomes, the sweeper). Same reason as the mailbox's pool: Prisma's raw-query layer costs several
 * times the client CPU of pg for these. Sessions run in UTC because Prisma stores `timestamp(3)` columns as UTC.
 */
@Injectable()
export class WebhooksDb extends PgPool implements OnModuleDestroy {
  constructor(@Inject(CONFIG) config: Config) {
    super('webhooks', {
      connectionString: config.databaseUrl,
      max: config.webhooks.dbPoolSize,
      // Every statement here is meant to touch a handful of rows through an index, whatever the tables' size. The
      // outbox tables grow from empty in seconds, faster than autovacuum analyzes them, and plans made on stale
      // statistics (a sequential scan, or a generic plan cached while a table looked empty) then scan every row on
      // each claim or settle. So: custom plans always, and sequential scans only when no index can serve.
      options: '-c TimeZone=UTC -c plan_cache_mode=force_custom_plan -c enable_seqscan=off',
    });
  }

  /** A hot statement, prepared once per connection: its CTEs cost more to plan than to run. */
  prepared<R extends pg.QueryResultRow>(
    on: Pick<pg.Pool | pg.PoolClient, 'query'>,
    statement: NamedStatement,
    params: unknown[],
  ): Promise<pg.QueryResult<R>> {
    return on.query<R>({ name: statement.name, text: statement.text, values: params });
  }

  /**
   * A transaction whose commit does not wait for its WAL to reach the disk (synchronous_commit off): for settling
   * deliveries only, never for emits (they resolve once durable) nor claims. On a loaded disk the fsync is most of a
   * settle's time. Should Postgres crash, it loses at most the last few hundred milliseconds of these commits, always
   * a suffix of the WAL: outcomes (with their hand-on and log row) that never happened, so those deliveries are sent
   * again after their lease — at least once, as after a worker crash. Per-key order holds because nothing a settle
   * unlocks leaves Postgres before a durable commit that follows it in the WAL (and so flushes it): the claim that
   * leases the handed-on delivery, or the emit whose head check saw the settle.
   */
  relaxedTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.transaction(work, { relaxedCommit: true });
  }

  async onModuleDestroy(): Promise<void> {
    await this.end();
  }
}

/** "Now" as the `timestamp(3) without time zone` Prisma writes (UTC), whatever the session's time zone. */
export const NOW = `(now() AT TIME ZONE 'UTC')`;

export interface NamedStatement {
  name: string;
  text: string;
}

/** Postgres aborted this transaction to break a deadlock: it can simply run again. */
export const isDeadlock = (err: unknown) => (err as { code?: string }).code === '40P01';

/** A `timestamp without time zone` column read back as epoch milliseconds (node-pg would read it as local time). */
export const epochMs = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
