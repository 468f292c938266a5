import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ClusterInterval, RedisService } from '@switchboard/platform';
import { MessagesDb } from '../log/messages-db';

const EVERY_MS = 15 * 60 * 1000;
const BATCH = 5_000;
const LOCK_KEY = 'messages:idempotency-purge-lock';

const PURGE_SQL = `
DELETE FROM "SendIdempotencyKey" WHERE ctid IN (
  SELECT ctid FROM "SendIdempotencyKey" WHERE "createdAt" <= now() - interval '24 hours' LIMIT ${BATCH})`;

/**
 * Idempotency keys answer for 24 hours; after that they are dead weight (a reused key overwrites its expired row).
 * One node per interval (a Redis lock) deletes them in bounded batches.
 */
@Injectable()
export class IdempotencyPurgeService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('IdempotencyPurge');
  private ticker?: ClusterInterval;

  constructor(
    private readonly db: MessagesDb,
    private readonly redis: RedisService,
  ) {}

  onApplicationBootstrap(): void {
    this.ticker = new ClusterInterval(this.redis.client, LOCK_KEY, EVERY_MS, () => this.purge(), this.log);
    this.ticker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ticker?.stop();
  }

  /** Deletes keys older than 24 hours; returns how many. */
  async purge(): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.db.query(PURGE_SQL);
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < BATCH) return total;
    }
  }
}
