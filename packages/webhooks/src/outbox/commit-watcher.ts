import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { WebhooksDb } from '../db/webhooks-db';
import { WakeService } from '../wake/wake.service';

const POLL_MS = 10;
/** After this long a transaction is someone else's problem: the sweeper will find its events if it committed. */
const GIVE_UP_MS = 60_000;

interface Waiting {
  subscriptionIds: Set<string>;
  since: number;
}

/**
 * Wakes subscriptions for events emitted inside a caller's transaction, once that transaction has committed. Waking
 * earlier would let a worker look before the rows are visible and go back to sleep. Prisma offers no commit hook, so
 * emit() records the transaction id and this polls pg_xact_status for all waiting transactions in one query.
 */
@Injectable()
export class CommitWatcher implements OnModuleDestroy {
  private readonly log = new Logger('WebhookCommitWatcher');
  private readonly waiting = new Map<string, Waiting>();
  private timer?: NodeJS.Timeout;
  private polling = false;

  constructor(
    private readonly db: WebhooksDb,
    private readonly wake: WakeService,
  ) {}

  wakeAfterCommit(xid: string, subscriptionIds: readonly string[]): void {
    if (!subscriptionIds.length) return;
    const entry = this.waiting.get(xid) ?? { subscriptionIds: new Set<string>(), since: Date.now() };
    for (const id of subscriptionIds) entry.subscriptionIds.add(id);
    this.waiting.set(xid, entry);
    this.timer ??= setTimeout(() => void this.poll(), POLL_MS);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const xids = [...this.waiting.keys()];
      const { rows } = await this.db.query<{ xid: string; status: string | null }>(
        'SELECT x AS xid, pg_xact_status(x::xid8) AS status FROM unnest($1::text[]) AS x',
        [xids],
      );
      for (const { xid, status } of rows) {
        const entry = this.waiting.get(xid)!;
        if (status === 'in progress' && Date.now() - entry.since < GIVE_UP_MS) continue;
        this.waiting.delete(xid);
        if (status !== 'aborted') this.wake.wake([...entry.subscriptionIds]);
      }
    } catch (err) {
      this.log.warn(`commit poll failed: ${(err as Error).message}`);
    } finally {
      this.polling = false;
      this.timer = undefined;
      if (this.waiting.size) this.timer = setTimeout(() => void this.poll(), POLL_MS);
    }
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
  }
}
