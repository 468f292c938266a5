import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { Batcher, CONFIG } from '@switchboard/platform';
import { WakeService } from '../wake/wake.service';
import { envelope, splitBatches } from '../wire/envelope';
import { signatureHeader } from '../wire/signature';
import { type ClaimedDelivery, DeliveriesRepository, type PostOutcome } from './deliveries.repository';
import { POSTS_PER_CLAIM, postWebhook } from './http-poster';
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

  /**
   * Claims and sends until nothing is claimable. Returns true when the subscription no longer exists.
   * The next claim is made as soon as the current one's last POST has gone out, not when its POSTs have come back
   * and been settled: the connections stay busy through the claim's round trip and the settle's commit. At most two
   * claims are under way; a claim holds at most one event per ordering key, and a key's next event becomes claimable
   * only when its settle hands the key on, so overlapping claims never send a key out of order.
   */
  private async pump(subscriptionId: string, result: DrainResult, onBacklog: () => void): Promise<boolean> {
    const { batchMaxEvents, timeoutMs } = this.config.webhooks;
    // The lease outlives the slowest POST by a wide margin: a lease that expired mid-POST would let another worker
    // send the same key's next event before this one is settled.
    const leaseMs = timeoutMs * 2 + 30_000;
    let previous: Promise<void> | undefined;
    for (;;) {
      // Read for every batch, so a new callback URL or secret applies at once.
      const target = await this.targets.load(subscriptionId);
      if (!target) {
        await previous;
        return true;
      }
      const token = randomUUID();
      // One change per POST: two rounds of POSTs in flight per claim, so that even against a receiver that times out
      // every POST the claim is sent within its lease (every POST's timeout runs from when it is started).
      const limit = target.batching ? batchMaxEvents : Math.min(batchMaxEvents, 2 * POSTS_PER_CLAIM);
      const claimed = await this.deliveries.claim(subscriptionId, limit, leaseMs, token);
      if (!claimed.length) {
        if (!previous) return false;
        // The claim under way hands its keys on as it settles: there may be more to claim once it has.
        await previous;
        previous = undefined;
        continue;
      }
      if (claimed.length === limit) onBacklog();
      const { started, done } = this.send(target, claimed, token, result);
      await started;
      await previous;
      previous = done;
    }
  }

  /**
   * POSTs a claim's deliveries and settles their outcomes. `started` resolves once every POST has been started (the
   * last ones still in flight), `done` once every outcome is settled.
   */
  private send(
    target: SubscriptionTarget,
    claimed: ClaimedDelivery[],
    token: string,
    result: DrainResult,
  ): { started: Promise<void>; done: Promise<void> } {
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
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    // A POST does not wait for its outcome's settle: the next one goes out at once, and outcomes pile up for the
    // next settle. (Safe: the lease covers a claimed delivery until it is settled.)
    const settles: Promise<void>[] = [];
    const poster = async () => {
      for (let group = groups[next++]; group; group = groups[next++]) {
        if (next >= groups.length) markStarted();
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
    const posted = Promise.all(Array.from({ length: Math.min(groups.length, POSTS_PER_CLAIM) }, poster));
    const done = posted.then(() => Promise.all(settles)).then(() => undefined);
    // Awaited by the pump after the next claim; this only keeps a failure from counting as unhandled meanwhile.
    done.catch(() => undefined);
    // A poster that throws before the last group is taken (it cannot today) must not leave the pump waiting.
    posted.then(markStarted, markStarted);
    return { started, done };
  }

  private async scheduleRetry(subscriptionId: string, dueMs: number): Promise<void> {
    try {
      await this.wake.wakeAt(subscriptionId, dueMs);
    } catch (err) {
      this.log.warn(`could not schedule the retry of ${subscriptionId}: ${(err as Error).message}; the sweeper will`);
    }
  }
}
