import { ApiError } from '../../errors/api-error';

/** The send endpoint's own Cloud API errors (error-codes: "Other errors"). */
export const MessageErrors = {
  /** 131047: free-form messages need the 24-hour customer-service window; templates do not. */
  reengagement: (waId: string) =>
    new ApiError(
      400,
      131047,
      '(#131047) Re-engagement message',
      `More than 24 hours have passed since ${waId} last messaged this number, or it never did; send a template message instead.`,
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
