import { Injectable } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository';

const BATCH = 5_000;

/**
 * Idempotency keys answer for 24 hours; after that they are dead weight (a reused key overwrites its expired row).
 * One node per interval (the `idempotencyPurge` loop) deletes them in bounded batches.
 */
@Injectable()
export class IdempotencyPurgeService {
  constructor(private readonly keys: IdempotencyRepository) {}

  /** Deletes keys older than 24 hours; returns how many. */
  async purge(): Promise<number> {
    let total = 0;
    for (;;) {
      const purged = await this.keys.purgeExpired(BATCH);
      total += purged;
      if (purged < BATCH) return total;
    }
  }
}
