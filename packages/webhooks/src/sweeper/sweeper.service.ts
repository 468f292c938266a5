import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, QueuesService } from '@switchboard/platform';
import { NOW, WebhooksDb } from '../db/webhooks-db';

export interface SweepResult {
  woken: number;
  unblocked: number;
  cancelled: number;
  prunedEvents: number;
  prunedAttempts: number;
  prunedSequences: number;
}

/** Rows deleted per statement, so a large backlog of old rows is pruned over several sweeps without long locks. */
const PRUNE_CHUNK = 5_000;

/**
 * Postgres is the truth, Redis only the fast path: every sweep finds subscriptions with due, unleased deliveries
 * (a wake-up or a delayed retry lost with a Redis flush, a worker that died holding a lease) and enqueues a drain for
 * each. It also cancels what raced a subscription's deletion and prunes the log past WEBHOOK_LOG_RETENTION_DAYS.
 */
@Injectable()
export class SweeperService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly db: WebhooksDb,
    private readonly queues: QueuesService,
  ) {}

  async sweep(): Promise<SweepResult> {
    const unblocked = await this.unblockOrphans();
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT s."id" FROM "WebhookSubscription" s
       WHERE s."deletedAt" IS NULL AND EXISTS (
         SELECT 1 FROM "WebhookDelivery" d
         WHERE d."subscriptionId" = s."id" AND d."state" = 'pending' AND d."nextAttemptAt" <= ${NOW}
           AND (d."leaseUntil" IS NULL OR d."leaseUntil" < ${NOW}))`,
    );
    const bucket = Math.floor(Date.now() / 1000);
    for (const { id } of rows) {
      await this.queues.add('webhooksDeliver', { subscriptionId: id }, { jobId: `sweep-${id}-${bucket}` });
    }
    const cancelled = await this.db.query(
      `UPDATE "WebhookDelivery" d SET "state" = 'cancelled', "leaseToken" = NULL, "leaseUntil" = NULL
       FROM "WebhookSubscription" s
       WHERE s."id" = d."subscriptionId" AND s."deletedAt" IS NOT NULL AND d."state" = 'pending'`,
    );
    return { woken: rows.length, unblocked, cancelled: cancelled.rowCount ?? 0, ...(await this.prune()) };
  }

  /**
   * A safety net, not a path: a delivery waiting for its key's predecessor while none is pending any more (settling
   * hands keys on under the same lock emitting takes, so this should find nothing) is made due.
   */
  private async unblockOrphans(): Promise<number> {
    const { rowCount } = await this.db.query(
      `UPDATE "WebhookDelivery" d SET "nextAttemptAt" = ${NOW}
       FROM "WebhookSubscription" s
       WHERE d."subscriptionId" = s."id" AND s."deletedAt" IS NULL
         AND d."state" = 'pending' AND d."nextAttemptAt" IS NULL AND d."createdAt" < ${NOW} - interval '60 seconds'
         AND NOT EXISTS (
           SELECT 1 FROM "WebhookDelivery" p
           WHERE p."subscriptionId" = d."subscriptionId" AND p."orderingKey" = d."orderingKey"
             AND p."state" = 'pending' AND p."seq" < d."seq")`,
    );
    return rowCount ?? 0;
  }

  private async prune(): Promise<Omit<SweepResult, 'woken' | 'cancelled' | 'unblocked'>> {
    const { logRetentionDays, maxAgeSeconds } = this.config.webhooks;
    const retention = `${NOW} - make_interval(days => ${logRetentionDays})`;
    // An event goes only once none of its deliveries can still be sent (pending ones are kept whatever their age).
    const events = await this.db.query(
      `DELETE FROM "WebhookEvent" WHERE "id" IN (
         SELECT e."id" FROM "WebhookEvent" e WHERE e."createdAt" < ${retention}
           AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."eventId" = e."id" AND d."state" = 'pending')
         LIMIT ${PRUNE_CHUNK})`,
    );
    const attempts = await this.db.query(
      `DELETE FROM "WebhookAttempt" WHERE "id" IN (
         SELECT "id" FROM "WebhookAttempt" WHERE "startedAt" < ${retention} LIMIT ${PRUNE_CHUNK})`,
    );
    // A key's counter is only needed while its events can still be pending (then a late event restarts at 1).
    const sequences = await this.db.query(
      `DELETE FROM "WebhookSequence" WHERE ctid IN (
         SELECT ctid FROM "WebhookSequence"
         WHERE "updatedAt" < ${NOW} - make_interval(secs => ${maxAgeSeconds + 86_400}) LIMIT ${PRUNE_CHUNK})`,
    );
    return {
      prunedEvents: events.rowCount ?? 0,
      prunedAttempts: attempts.rowCount ?? 0,
      prunedSequences: sequences.rowCount ?? 0,
    };
  }
}
