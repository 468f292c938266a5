import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { Batcher, CONFIG } from '@switchboard/platform';
import { WakeService } from '../wake/wake.service';
import { envelope, splitBatches } from '../wire/envelope';
import { signatureHeader } from '../wire/signature';
import { type ClaimedDelivery, DeliveriesRepository, type PostOutcome } from './deliveries.repository';
import { POSTS_IN_FLIGHT, postWebhook } from './http-poster';
import { type SubscriptionTarget, SubscriptionTargets } from './subscription-target';

export interface DrainResult {
  delivered: number;
  failed: number;
  posts: number;
}

/**
 * Drains one subscription: claim the due heads, POST them — one change per POST, or, for a subscription that opted
 * into batching, in batches of ≤ WEBHOOK_BATCH_MAX_EVENTS changes and ≤ WEBHOOK_BATCH_MAX_BYTES — record the POSTs'
 * outcomes, repeat until nothing is claimable and no wake-up came
 * in meanwhile. Many of these may run for one subscription at once (several workers, retries, the sweeper): the
 * claim's head-of-key rule and leases keep them from sending a key's events out of order or twice at the same time.
 */
@Injectable()
export class DeliveryService {
  private readonly log = new Logger('WebhookDelivery');

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly deliveries: DeliveriesRepository,
    private readonly targets: SubscriptionTargets,
    private readonly wake: WakeService,
  ) {}

  async drain(subscriptionId: string): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, failed: 0, posts: 0 };
    let seen = await this.wake.peek(subscriptionId);
    for (;;) {
      // With a backlog (a full batch claimed) a second claim-and-send loop joins, overlapping one batch's commits
      // with the other's POST; claims hold at most one event per ordering key, so the loops never share a key.
      let helper: Promise<boolean> | undefined;
      const firstGone = await this.pump(subscriptionId, result, () => {
        helper ??= this.pump(subscriptionId, result, () => undefined);
      });
      const helperGone = (await helper) ?? false;
      if (firstGone || helperGone) {
        await this.deliveries.cancelPending(subscriptionId);
        return result;
      }
      if (await this.wake.release(subscriptionId, seen)) return result;
      seen = await this.wake.peek(subscriptionId);
    }
  }

  /** Claims and sends until nothing is claimable. Returns true when the subscription no longer exists. */
  private async pump(subscriptionId: string, result: DrainResult, onBacklog: () => void): Promise<boolean> {
    const { batchMaxEvents, timeoutMs } = this.config.webhooks;
    // The lease outlives the slowest POST by a wide margin: a lease that expired mid-POST would let another worker
    // send the same key's next event before this one is settled.
    const leaseMs = timeoutMs * 2 + 30_000;
    for (;;) {
      // Read for every batch, so a new callback URL or secret applies at once.
      const target = await this.targets.load(subscriptionId);
      if (!target) return true;
      const token = randomUUID();
      const t0 = performance.now();
      // One change per POST: two rounds of POSTs in flight per claim, so that even against a receiver that times out
      // every POST (and with the helper's claim sharing the connections) the claim is sent within its lease.
      const limit = target.batching ? batchMaxEvents : Math.min(batchMaxEvents, 2 * POSTS_IN_FLIGHT);
      const claimed = await this.deliveries.claim(subscriptionId, limit, leaseMs, token);
      if (!claimed.length) return false;
      if (claimed.length === limit) onBacklog();
      const claimMs = performance.now() - t0;
      await this.send(target, claimed, token, result);
      this.log.debug(
        `subscription ${subscriptionId}: ${claimed.length} claimed in ${claimMs.toFixed(0)} ms, sent and settled in ` +
          `${(performance.now() - t0 - claimMs).toFixed(0)} ms`,
      );
    }
  }

  private async send(target: SubscriptionTarget, claimed: ClaimedDelivery[], token: string, result: DrainResult) {
    const { batchMaxEvents, batchMaxBytes, timeoutMs, retryBaseMs, retryMaxMs } = this.config.webhooks;
    const { privateNetworks } = this.config.outbound;
    const backoff = { baseMs: retryBaseMs, maxMs: retryMaxMs };
    // A claim holds at most one event per ordering key, so its POSTs are independent of each other.
    const groups = target.batching
      ? splitBatches(target.businessId, claimed, batchMaxEvents, batchMaxBytes)
      : claimed.map((d) => [d]);
    // Outcomes are settled together, whatever has come back while the previous settle ran: one transaction for many
    // single-change POSTs, instead of one each.
    const settler = new Batcher<PostOutcome, void>(
      async (posts) => {
        const dueMs = await this.deliveries.settle(target.id, target.businessId, token, posts, backoff);
        if (dueMs !== null) await this.scheduleRetry(target.id, dueMs);
        return posts.map(() => undefined);
      },
      { maxBatch: batchMaxEvents, maxInFlight: 2 },
    );
    let next = 0;
    // A POST does not wait for its outcome's settle: the next one goes out at once, and outcomes pile up for the
    // next settle. (Safe: the lease covers a claimed delivery until it is settled.)
    const settles: Promise<void>[] = [];
    const poster = async () => {
      for (let group = groups[next++]; group; group = groups[next++]) {
        const body = envelope(target.businessId, group);
        const startedAtMs = Date.now();
        const signature = signatureHeader(target.appSecret, body);
        const res = await postWebhook(target.callbackUrl, body, signature, timeoutMs, privateNetworks);
        result.posts++;
        if (res.ok) result.delivered += group.length;
        else result.failed += group.length;
        const attempt = { startedAtMs, bytes: body.length, signature, ...res };
        const settled = settler.submit({ ok: res.ok, deliveries: group, attempt, random: Math.random() });
        settled.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
        settles.push(settled);
      }
    };
    // POSTs in flight per claim: what the connection pool to one host holds, so a POST's timeout starts when it is sent.
    await Promise.all(Array.from({ length: Math.min(groups.length, POSTS_IN_FLIGHT) }, poster));
    await Promise.all(settles);
  }

  private async scheduleRetry(subscriptionId: string, dueMs: number): Promise<void> {
    try {
      await this.wake.wakeAt(subscriptionId, dueMs);
    } catch (err) {
      this.log.warn(`could not schedule the retry of ${subscriptionId}: ${(err as Error).message}; the sweeper will`);
    }
  }
}
