import { Injectable } from '@nestjs/common';
import { MessagesDb } from '../log/messages-db';

const BATCH = 5_000;

const PURGE_SQL = `
DELETE FROM "SendIdempotencyKey" WHERE ctid IN (
  SELECT ctid FROM "SendIdempotencyKey" WHERE "createdAt" <= now() - interval '24 hours' LIMIT ${BATCH})`;

/**
 * Idempotency keys answer for 24 hours; after that they are dead weight (a reused key overwrites its expired row).
 * One node per interval (the `idempotencyPurge` loop) deletes them in bounded batches.
 */
@Injectable()
export class IdempotencyPurgeService {
  constructor(private readonly db: MessagesDb) {}

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
