import type { WebhookSubscription } from '@switchboard/db';
import { WEBHOOK_OBJECT } from '@switchboard/webhooks';

/** A subscription as the API shows it: the verify token and app secret are write-only. */
export function renderSubscription(s: WebhookSubscription) {
  return {
    id: s.id,
    object: WEBHOOK_OBJECT,
    callback_url: s.callbackUrl,
    fields: s.fields,
    batching: s.batching,
    active: true,
    verified_time: s.verifiedAt.toISOString(),
    created_time: s.createdAt.toISOString(),
    updated_time: s.updatedAt.toISOString(),
  };
}
