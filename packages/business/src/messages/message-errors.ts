import { ApiError } from '@switchboard/core/errors/api-error';
import type { MessageError } from './log/message-log.service';

/**
 * 131047: free-form messages need the 24-hour customer-service window; templates do not. As at Meta, not a refusal:
 * the message is accepted and fails with this error in its `failed` status webhook.
 */
export const reengagementFailure = (waId: string): MessageError => ({
  code: 131047,
  title: 'Re-engagement message',
  message: 'Re-engagement message',
  error_data: {
    details: `Message failed to send because more than 24 hours have passed since ${waId} last replied to this number, or it never did; send a template message instead.`,
  },
});

/** The send endpoint's own Cloud API errors (error-codes: "Other errors"). */
export const MessageErrors = {
  /** 130429: the number's throughput (messages per second) is reached; nothing was stored. */
  throughput: (ratePerSecond: number, waitMs: number) =>
    new ApiError(
      400,
      130429,
      '(#130429) Rate limit hit',
      `Cloud API message throughput has been reached: this number sends at most ${ratePerSecond} messages per second; retry in ${waitMs} ms.`,
    ),
  /** 131056: too many messages from this number to this consumer in a short time. */
  pairRate: (waId: string, waitMs: number) =>
    new ApiError(
      400,
      131056,
      '(#131056) (Business Account, Consumer Account) pair rate limit hit',
      `Too many messages sent from this phone number to ${waId} in a short period of time; retry in ${waitMs} ms.`,
    ),
  /** 131048: the messaging limit (unique consumers contacted outside a window per rolling 24 h) is reached. */
  messagingLimit: (tier: string, limit: number, waitMs: number) =>
    new ApiError(
      400,
      131048,
      '(#131048) Spam rate limit hit',
      `Message failed to send because there are restrictions on how many messages can be sent from this phone number: the business's messaging limit ${tier} allows ${limit} unique consumers outside a customer-service window per rolling 24 hours; budget frees up at ${new Date(Date.now() + waitMs).toISOString()} (in ${Math.ceil(waitMs / 1000)} s).`,
    ),
  /** The same Idempotency-Key with a different request: the key names the first one for 24 hours. */
  idempotencyMismatch: (key: string) =>
    new ApiError(
      422,
      100,
      '(#100) Idempotency-Key was already used with a different request',
      `Idempotency-Key: "${key}" was used in the last 24 hours for a different request (body or phone number); use a new key`,
    ),
} as const;
