import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { SEND_OUTBOX_CHANNEL } from '@switchboard/business/messages/log/outbox-wake';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import pg from 'pg';
import { BatchSender } from './batch-sender';
import { BusinessSender, PermanentSendError } from './business-sender';
import { type OutboxRow, SendOutboxRepository } from './send-outbox.repository';

// Rows per claim: each batch pays fixed round trips (claim, crypto transaction, hand-over, settle); 512 drains a
// backlog faster than 128 did (npm run bench -- business-send).
const BATCH = 512;
const MAX_ATTEMPTS = 15; // ~ 2 h of backoff (capped at 15 min) before a message fails with 131000
const backoffMs = (attempts: number) => Math.min(15 * 60_000, 500 * 2 ** attempts) * (0.75 + Math.random() / 2);

/**
 * The send pipeline's consumer of SendOutbox (docs/business.md, "Sending" and "The business device"): wakes on
 * `LISTEN switchboard_send_outbox` and sweeps every second anyway (NOTIFY is lossy), claims batches with a lease,
 * runs each conversation's rows in order and conversations side by side (WORKER_CONCURRENCY at a time).
 */
@Injectable()
export class OutboxConsumer implements OnApplicationShutdown {
  private readonly log = new Logger('BusinessOutbox');
  private listener?: pg.Client;
  private running = false;
  private again = false;
  private stopped = false;
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly outbox: SendOutboxRepository,
    private readonly sender: BusinessSender,
    private readonly batch: BatchSender,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Listens for wake-ups (the `sendOutbox` loop's start; its passes are `wake`). */
  async listen(): Promise<void> {
    try {
      this.listener = new pg.Client({ connectionString: this.config.databaseUrl });
      this.listener.on('error', () => undefined); // the sweep carries on without it
      this.listener.on('notification', () => this.wake());
      await this.listener.connect();
      await this.listener.query(`LISTEN ${SEND_OUTBOX_CHANNEL}`);
    } catch (err) {
      this.log.warn(`LISTEN failed, sweeping only: ${(err as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.current;
    await this.listener?.end().catch(() => undefined);
  }

  /** Runs until the outbox has nothing due (exported for tests and the benchmark). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.current = this.drain()
      .catch((err) => this.log.error(`outbox drain failed: ${(err as Error).message}`))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const rows = await this.outbox.claim(BATCH);
      if (!rows.length) return;
      rows.sort((a, b) => (a.id < b.id ? -1 : 1)); // RETURNING has no order; a conversation's rows run in id order
      const conversations = new Map<string, OutboxRow[]>();
      for (const r of rows) {
        const key = `${r.phoneNumberId}/${r.waId}`;
        conversations.set(key, [...(conversations.get(key) ?? []), r]);
      }
      const queue = (await this.batched([...conversations.values()])).filter((c) => c.length);
      const lanes = Array.from({ length: Math.min(this.config.workers.concurrency, queue.length) }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) await this.conversation(c);
      });
      await Promise.all(lanes);
    }
  }

  // The batch first; on any failure of its own, every row goes the one-by-one way (a message it did hand over is
  // de-duplicated by the core, so nothing is sent twice).
  private async batched(conversations: OutboxRow[][]): Promise<OutboxRow[][]> {
    try {
      return await this.batch.send(conversations);
    } catch (err) {
      this.log.warn(`batched send failed, sending one by one: ${(err as Error).message}`);
      return conversations;
    }
  }

  // In order; after a row that must wait, the rest of its conversation waits too (released for a later claim).
  private async conversation(rows: OutboxRow[]): Promise<void> {
    for (const [i, row] of rows.entries()) {
      if (await this.one(row)) continue;
      await this.outbox.release(rows.slice(i + 1).map((r) => r.id));
      return;
    }
  }

  /** True when the row is finished (sent or failed for good), false when it was put back for a retry. */
  private async one(row: OutboxRow): Promise<boolean> {
    try {
      await this.sender.process(row);
      return true;
    } catch (err) {
      const permanent =
        err instanceof PermanentSendError
          ? err
          : row.attempts >= MAX_ATTEMPTS
            ? new PermanentSendError(
                131000,
                'Something went wrong',
                `gave up after ${row.attempts} attempts: ${(err as Error).message}`,
              )
            : undefined;
      if (permanent) {
        await this.sender.fail(row, permanent);
        return true;
      }
      this.log.warn(`send of ${row.wamid} failed (attempt ${row.attempts}), retrying: ${(err as Error).message}`);
      await this.outbox.retryAt(row.id, new Date(Date.now() + backoffMs(row.attempts)), String((err as Error).message));
      return false;
    }
  }
}
