import { Injectable } from '@nestjs/common';
import { MailboxDb } from '../mailbox/mailbox-db';

/** The purge's SQL: bounded batches, so a large mailbox never holds long locks. */
@Injectable()
export class MailboxPurgeRepository {
  constructor(private readonly db: MailboxDb) {}

  /** Deletes up to `limit` messages (and their envelopes) accepted before `cutoff`: the TTL. */
  async deleteExpired(cutoff: number, limit: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM "MailboxMessage" WHERE id IN (
         SELECT id FROM "MailboxMessage" WHERE "serverTimestamp" < $1 LIMIT $2)`,
      [cutoff, limit],
    );
    return rowCount ?? 0;
  }

  /** Deletes up to `limit` messages due at `now` (disappearing messages, delivered or not), their envelopes with them. */
  async deleteDue(now: number, limit: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM "MailboxMessage" WHERE id IN (
         SELECT id FROM "MailboxMessage" WHERE "expiresAt" <= $1 LIMIT $2)`,
      [now, limit],
    );
    return rowCount ?? 0;
  }

  /** Deletes up to `limit` fully delivered messages accepted in [from, to): their de-duplication window is over. */
  async deleteDelivered(from: number, to: number, limit: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM "MailboxMessage" WHERE id IN (
         SELECT m.id FROM "MailboxMessage" m
         WHERE m."serverTimestamp" >= $1 AND m."serverTimestamp" < $2
           AND NOT EXISTS (SELECT 1 FROM "MailboxEnvelope" e WHERE e."messageId" = m.id)
         LIMIT $3)`,
      [from, to, limit],
    );
    return rowCount ?? 0;
  }
}
