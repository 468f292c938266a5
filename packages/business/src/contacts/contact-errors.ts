import { ApiError } from '@switchboard/core/errors/api-error';

export const ContactErrors = {
  /** Cloud API 131050: the user stopped marketing messages from this business. Never worth a retry. */
  optedOut: (waId: string) =>
    new ApiError(
      400,
      131050,
      '(#131050) User has stopped receipt of marketing messages',
      `${waId} opted out of marketing messages from this business; do not retry`,
    ),
} as const;
