import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { Batcher, CONFIG } from '@switchboard/platform';
import { isDeadlock, type NamedStatement, WebhooksDb } from '../db/webhooks-db';
import { isWebhookField, type WebhookField } from '../fields';
import { WakeService } from '../wake/wake.service';
import { metaJson } from '../wire/meta-json';
import { CommitWatcher } from './commit-watcher';
import { type EmitInput, type EmitRow, writeEvents } from './emit.sql';

/** What emit() needs of a Prisma client or interactive-transaction client. */
export interface RawQueryClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface EmitOptions {
  /** Events with the same key are delivered one at a time, in emit (commit) order: e.g. the wamid for statuses. */
  orderingKey?: string;
  /**
   * Store the event in the caller's transaction: it exists exactly when the caller's change does. READ COMMITTED
   * (Prisma's default) is required: emitting runs two statements and the second must see what the first waited for.
   */
  tx?: RawQueryClient;
}

/** Meta caps a webhook POST at 3 MB; one value must fit in one POST with its envelope. */
const MAX_VALUE_BYTES = 3 * 1024 * 1024 - 4096;

/**
 * The one way features publish webhook events (docs/business.md, "Webhook events"). The event is stored in the
 * Postgres outbox — in the caller's transaction when given one — and fanned out to the business's subscriptions for
 * that field; the workers are woken once it is committed. Resolves when the event is durable (or, with `tx`, when it
 * is part of the caller's transaction).
 */
@Injectable()
export class WebhookEventsService {
  private readonly batcher: Batcher<EmitInput, EmitRow>;

  constructor(
    private readonly db: WebhooksDb,
    private readonly wake: WakeService,
    private readonly commits: CommitWatcher,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.batcher = new Batcher((items) => this.write(items), {
      maxBatch: 500,
      maxInFlight: 3,
      keyOf: (i) => i.orderingKey && `${i.businessId}\n${i.orderingKey}`,
    });
  }

  async emit(
    businessId: string,
    field: WebhookField,
    value: unknown,
    options: EmitOptions = {},
  ): Promise<{ eventId: string }> {
    if (!isWebhookField(field)) throw new TypeError(`unknown webhook field "${field}"`);
    const text = metaJson(value);
    if (text.length > MAX_VALUE_BYTES) throw new RangeError(`webhook value of ${text.length} bytes exceeds 3 MB`);
    if (options.orderingKey !== undefined && !options.orderingKey) throw new TypeError('empty orderingKey');
    const input: EmitInput = { businessId, field, value: text, orderingKey: options.orderingKey ?? null };
    if (options.tx) {
      const tx = options.tx;
      const run = <R>(statement: { text: string }, params: unknown[]) =>
        tx.$queryRawUnsafe<R[]>(statement.text, ...params);
      const [row] = await writeEvents(run, [input], this.config.webhooks.maxAgeSeconds);
      this.commits.wakeAfterCommit(row!.xid, row!.subscriptionIds);
      return { eventId: row!.eventId };
    }
    const row = await this.batcher.submit(input);
    return { eventId: row.eventId };
  }

  /**
   * Many events in the caller's transaction with two statements in all (emit() with `tx` costs two per event): for a
   * caller that commits many changes at once, such as the business device's batched `sent` statuses.
   */
  async emitMany(
    events: { businessId: string; field: WebhookField; value: unknown; orderingKey?: string }[],
    tx: RawQueryClient,
  ): Promise<{ eventId: string }[]> {
    if (!events.length) return [];
    const inputs = events.map((e): EmitInput => {
      if (!isWebhookField(e.field)) throw new TypeError(`unknown webhook field "${e.field}"`);
      const text = metaJson(e.value);
      if (text.length > MAX_VALUE_BYTES) throw new RangeError(`webhook value of ${text.length} bytes exceeds 3 MB`);
      if (e.orderingKey !== undefined && !e.orderingKey) throw new TypeError('empty orderingKey');
      return { businessId: e.businessId, field: e.field, value: text, orderingKey: e.orderingKey ?? null };
    });
    const run = <R>(statement: { text: string }, params: unknown[]) =>
      tx.$queryRawUnsafe<R[]>(statement.text, ...params);
    const rows = await writeEvents(run, inputs, this.config.webhooks.maxAgeSeconds);
    const subscriptions = [...new Set(rows.flatMap((r) => r.subscriptionIds))];
    if (rows.length) this.commits.wakeAfterCommit(rows[0]!.xid, subscriptions);
    return rows.map((r) => ({ eventId: r.eventId }));
  }

  /**
   * One batch, committed on its own. Its keys are locked in sorted order, but a caller's transaction may hold keys
   * in any order; should the two deadlock, Postgres aborts one and, if it is this batch, it is simply written again.
   */
  private async write(items: EmitInput[]): Promise<EmitRow[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const rows = await this.db.transaction((client) =>
          writeEvents(
            async <R>(statement: NamedStatement, params: unknown[]) =>
              (await this.db.prepared(client, statement, params)).rows as R[],
            items,
            this.config.webhooks.maxAgeSeconds,
          ),
        );
        this.wake.wake(rows.flatMap((r) => r.subscriptionIds));
        return rows;
      } catch (err) {
        if (!isDeadlock(err) || attempt >= 3) throw err;
      }
    }
  }
}
