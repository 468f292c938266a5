import { ApiError } from '@switchboard/core/errors/api-error';

export const CampaignErrors = {
  notFound: (id: string) => ApiError.notFound(`campaign '${id}'`),
  /** A transition the campaign's status does not allow: 100 naming the status, so the caller sees why. */
  badTransition: (id: string, status: string, action: string, allowed: string) =>
    ApiError.invalidParameter(`status: campaign ${id} is ${status}; only ${allowed} campaigns can be ${action}`),
  /** A retry with no retryable failure left (none failed that way, or an earlier retry took them). */
  nothingToRetry: (id: string, codes: readonly string[]) =>
    ApiError.invalidParameter(
      `campaign_id: campaign ${id} has no failed recipient left to retry (retryable codes: ${codes.join(', ')})`,
    ),
} as const;
