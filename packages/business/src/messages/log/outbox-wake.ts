import { Injectable, Logger } from '@nestjs/common';
import { MessagesDb } from './messages-db';

/** The channel the send pipeline can LISTEN on to hear of new SendOutbox rows (it must still sweep: NOTIFY is lossy). */
export const SEND_OUTBOX_CHANNEL = 'switchboard_send_outbox';

/**
 * Tells listeners that the outbox has new rows, after they are committed and at most one NOTIFY at a time: a burst
 * of batches costs one or two notifications. Outside the writing transaction on purpose — Postgres serializes the
 * commits of notifying transactions, which would undo the write batching.
 */
@Injectable()
export class OutboxWake {
  private readonly log = new Logger('OutboxWake');
  private inFlight = false;
  private pending = false;

  constructor(private readonly db: MessagesDb) {}

  wake(): void {
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    this.inFlight = true;
    this.db
      .query(`SELECT pg_notify('${SEND_OUTBOX_CHANNEL}', '')`)
      .catch((err: Error) =>
        this.log.warn(`outbox notify failed (the pipeline's sweep finds the rows): ${err.message}`),
      )
      .finally(() => {
        this.inFlight = false;
        if (this.pending) {
          this.pending = false;
          this.wake();
        }
      });
  }
}
