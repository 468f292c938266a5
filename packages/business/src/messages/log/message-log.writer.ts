import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Batcher } from '@switchboard/platform';
import type { AcceptRow } from './accept.sql';
import { MessageLogRepository } from './message-log.repository';
import { OutboxWake } from './outbox-wake';

/**
 * Where "accepted" becomes true: a message is accepted once its log row and outbox row are committed (Postgres is the
 * truth; nothing of it lives only in Redis). Concurrent sends share commits — a commit costs one WAL flush whatever
 * it carries — through the same opportunistic batching as the mailbox: idle, a message is written at once; busy,
 * batches grow by themselves. Two statements in flight, not more: on the 2 shared cores the API and Postgres share,
 * more concurrent commits meant smaller batches and more Postgres CPU per message (3 in flight gave ~5 rows per
 * commit, 2 gave ~7, 1 gave ~14 but queued too long), measured with the `api` bench's set-up.
 */
@Injectable()
export class MessageLogWriter implements OnModuleDestroy {
  private readonly batcher: Batcher<AcceptRow, boolean>;

  constructor(
    private readonly log: MessageLogRepository,
    private readonly outbox: OutboxWake,
  ) {
    this.batcher = new Batcher((rows) => this.write(rows), { maxBatch: 1000, maxInFlight: 2 });
  }

  /**
   * Resolves true once the message is durable; false when its Idempotency-Key was taken meanwhile by another request
   * (nothing was written: answer from that request's record).
   */
  accept(row: AcceptRow): Promise<boolean> {
    return this.batcher.submit(row);
  }

  async onModuleDestroy(): Promise<void> {
    await this.batcher.drained();
  }

  private async write(rows: AcceptRow[]): Promise<boolean[]> {
    const accepted = await this.log.accept(rows);
    if (accepted.size) this.outbox.wake();
    return rows.map((r) => accepted.has(r.wamid));
  }
}
