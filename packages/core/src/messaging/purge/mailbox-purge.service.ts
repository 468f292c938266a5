import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { MailboxPurgeRepository } from './mailbox-purge.repository';

const BATCH = 5_000;

/**
 * Time is the only thing that removes an undelivered envelope (never a count cap): every MAILBOX_PURGE_INTERVAL one
 * node (the `mailboxPurge` loop, under a Redis lock) deletes messages older than the TTL, and forgets delivered messages whose
 * de-duplication window has passed. In bounded batches, so a large backlog never holds long locks.
 */
@Injectable()
export class MailboxPurgeService {
  private readonly log = new Logger('MailboxPurge');

  constructor(
    private readonly repo: MailboxPurgeRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** One pass at time `now`. Returns how many messages went, for tests and logs. */
  async purge(now: number): Promise<{ expired: number; forgotten: number }> {
    const { envelopeTtlSeconds, sendDedupSeconds } = this.config.messaging;
    const expired = await inBatches(() => this.repo.deleteExpired(now - envelopeTtlSeconds * 1000, BATCH));
    // Delivered messages younger than the window are kept for de-duplication; those delivered after it had passed were
    // deleted at their ack already. So only the last window's worth of older ones needs looking at.
    const to = now - sendDedupSeconds * 1000;
    const forgotten = await inBatches(() => this.repo.deleteDelivered(to - sendDedupSeconds * 1000, to, BATCH));
    if (expired || forgotten) this.log.log(`purged ${expired} expired and ${forgotten} delivered messages`);
    return { expired, forgotten };
  }

  /**
   * Disappearing messages leave the server when they are due, delivered or not: a send may carry its chat's timer (the
   * Send frame's `expiresInS`, docs/core.md "Disappearing messages and view once"), stored as the message's
   * `expiresAt`. Run by the `mailboxExpiry` loop, more often than the purge; until it runs, the mailbox no longer hands
   * a due message to any device. Returns how many messages went.
   */
  async expire(now: number): Promise<number> {
    const total = await inBatches(() => this.repo.deleteDue(now, BATCH));
    if (total) this.log.log(`removed ${total} disappearing messages`);
    return total;
  }
}

async function inBatches(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await step();
    total += n;
    if (n < BATCH) return total;
  }
}
