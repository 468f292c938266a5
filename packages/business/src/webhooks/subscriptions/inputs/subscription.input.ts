import { WEBHOOK_FIELDS, WEBHOOK_OBJECT } from '@switchboard/webhooks';
import { z } from 'zod';
import { GRAPH_ID } from '../../../common/ids';
import { pageQuery } from '../../../common/paging';

/** Graph takes `fields` as an array or a comma-separated string ("messages,message_template_status_update"). */
const fields = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(',').map((f) => f.trim()))])
  .pipe(z.array(z.enum(WEBHOOK_FIELDS)).min(1).max(WEBHOOK_FIELDS.length))
  .transform((list) => [...new Set(list)]);

const callbackUrl = z.string().trim().min(1).max(2048);
const verifyToken = z.string().min(1).max(256);
/** The app secret keys the HMAC; a short one would make signatures guessable. */
const appSecret = z.string().min(16, 'at least 16 characters').max(256);
/** Opt-in: several changes pending together share a POST. Off (the default), one change per POST, as Meta sends. */
const batching = z.boolean();

export const createSubscriptionBody = z.object({
  /** Graph's subscription call names the object; Switchboard has only this one. */
  object: z.literal(WEBHOOK_OBJECT).optional(),
  callback_url: callbackUrl,
  verify_token: verifyToken,
  app_secret: appSecret,
  fields,
  batching: batching.default(false),
});
export type CreateSubscriptionBody = z.infer<typeof createSubscriptionBody>;

export const updateSubscriptionBody = z
  .object({
    callback_url: callbackUrl.optional(),
    verify_token: verifyToken.optional(),
    app_secret: appSecret.optional(),
    fields: fields.optional(),
    batching: batching.optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    'expected at least one of callback_url, verify_token, app_secret, fields, batching',
  );
export type UpdateSubscriptionBody = z.infer<typeof updateSubscriptionBody>;

export const subscriptionParams = z.object({
  waba_id: z.string(),
  subscription_id: z.string().regex(GRAPH_ID, 'expected an id'),
});
export type SubscriptionParams = z.infer<typeof subscriptionParams>;

export const listSubscriptionsQuery = z.object(pageQuery);
