import { Injectable } from '@nestjs/common';
import { MailboxDb } from '../mailbox/mailbox-db';

/** The SQL of disappearing messages on the server: bounded batches, so a burst of due messages never holds long locks. */
@Injectable()
export class MailboxExpiryRepository {
  constructor(private readonly db: MailboxDb) {}

  /** Deletes up to `limit` messages due at `now` (delivered or not), their envelopes with them (ON DELETE CASCADE). */
  async deleteDue(now: number, limit: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM "MailboxMessage" WHERE id IN (
         SELECT id FROM "MailboxMessage" WHERE "expiresAt" <= $1 LIMIT $2)`,
      [now, limit],
    );
    return rowCount ?? 0;
  }
}
