import { ApiError } from '../errors/api-error';

/**
 * The errors of accounts, devices and keys, in the API's one envelope. Codes reuse the Cloud API's where it has the
 * same meaning (190, 10, 130429, 133004, 133005, 133008); the others are Switchboard's and listed in openapi.yaml.
 */
export const CoreErrors = {
  unauthorized: (why = 'missing, malformed or unknown device credentials') =>
    new ApiError(401, 190, '(#190) Invalid device credentials', why),

  primaryOnly: (what: string) => new ApiError(403, 10, `(#10) Only the primary device can ${what}`),

  forbidden: (details: string) => new ApiError(403, 10, '(#10) Permission denied', details),

  rateLimited: (limit: string, retryAfterSeconds: number) =>
    new ApiError(429, 130429, '(#130429) Rate limit hit', `${limit}: retry after ${retryAfterSeconds} s`),

  smsUnavailable: (details: string) =>
    new ApiError(503, 133004, '(#133004) Server temporarily unavailable: the code could not be sent', details),

  codeRejected: () =>
    new ApiError(403, 136025, '(#136025) Verification code is incorrect, expired or already used', 'code'),

  pinRequired: () =>
    new ApiError(
      423,
      133011,
      '(#133011) Two-step verification PIN required',
      'pin: this number has two-step verification on; send the PIN with the code',
    ),

  pinMismatch: (consequence: string) =>
    new ApiError(403, 133005, '(#133005) Two-step verification PIN mismatch', `pin: wrong PIN; ${consequence}`),

  pinLocked: (retryAfterSeconds: number) =>
    new ApiError(
      429,
      133008,
      '(#133008) Too many two-step verification PIN guesses',
      `pin: locked, retry after ${retryAfterSeconds} s`,
    ),

  pinNotSet: () => new ApiError(409, 133016, '(#133016) Two-step verification is not on for this account', 'pin'),

  linkPending: () =>
    new ApiError(409, 133012, '(#133012) Linking not approved yet', 'link_code: waiting for the primary to approve'),

  companionLimit: (max: number) =>
    new ApiError(409, 133013, '(#133013) Linked device limit reached', `at most ${max} companion devices`),

  identityMismatch: (field: string) =>
    new ApiError(
      409,
      133014,
      '(#133014) Device identity differs from the registered one',
      `${field}: a device keeps its identity for life; re-register or re-link to change it`,
    ),
} as const;
