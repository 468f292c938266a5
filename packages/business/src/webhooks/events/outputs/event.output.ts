import type { WebhookAttempt, WebhookDelivery, WebhookEvent, WebhookSubscription } from '@switchboard/db';
import type { SentPost } from '../sent-posts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function renderEventHeader(e: WebhookEvent) {
  return { id: e.id.toString(), field: e.field, ordering_key: e.orderingKey, created_time: e.createdAt.toISOString() };
}

const NOT_SENT: SentPost = { payload: null, signature: null };

/** An event in the list, with where it stands for each subscription and what its latest POST sent. */
export function renderEvent(e: WebhookEvent, deliveries: WebhookDelivery[], posts: Map<bigint, SentPost>) {
  return {
    ...renderEventHeader(e),
    deliveries: deliveries.map((d) => {
      const latest = d.attemptIds.at(-1);
      return {
        subscription_id: d.subscriptionId,
        state: d.state,
        attempts: d.attemptIds.length,
        ...((latest !== undefined && posts.get(latest)) || NOT_SENT),
      };
    }),
  };
}

/** One subscription's delivery of an event, with every POST that carried it (the delivery log). */
export function renderDelivery(
  d: WebhookDelivery,
  subscription: Pick<WebhookSubscription, 'callbackUrl'> | undefined,
  attempts: Map<bigint, WebhookAttempt>,
  posts: Map<bigint, SentPost>,
) {
  return {
    subscription_id: d.subscriptionId,
    callback_url: subscription?.callbackUrl ?? null,
    state: d.state,
    attempts: d.attemptIds.length,
    // A pending delivery without a time waits for an earlier event of its ordering key.
    next_attempt_time: d.state === 'pending' ? iso(d.nextAttemptAt) : null,
    delivered_time: iso(d.deliveredAt),
    expires_time: d.expiresAt.toISOString(),
    log: d.attemptIds.flatMap((id) => {
      const a = attempts.get(id);
      if (!a) return []; // pruned by retention
      return [
        {
          time: a.startedAt.toISOString(),
          status_code: a.statusCode,
          latency_ms: a.latencyMs,
          error: a.error,
          batch_size: a.eventCount,
          ...(posts.get(id) ?? NOT_SENT),
        },
      ];
    }),
  };
}
