import { Injectable, Logger } from '@nestjs/common';
import { MailboxExpiryRepository } from './mailbox-expiry.repository';

const BATCH = 5_000;

/**
 * Disappearing messages leave the server when they are due, delivered or not: a send may carry its chat's timer (the
 * Send frame's `expiresInS`, docs/core.md "Disappearing messages and view once"), stored as the message's `expiresAt`.
 * The `mailboxExpiry` loop (packages/jobs/src/background.ts, one node per interval) runs this pass; until it does, the
 * mailbox no longer hands a due message to any device.
 */
@Injectable()
export class MailboxExpiryService {
  private readonly log = new Logger('MailboxExpiry');

  constructor(private readonly repo: MailboxExpiryRepository) {}

  /** One pass at time `now`; how many messages went. */
  async expire(now: number): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.repo.deleteDue(now, BATCH);
      total += n;
      if (n < BATCH) break;
    }
    if (total) this.log.log(`removed ${total} disappearing messages`);
    return total;
  }
}
