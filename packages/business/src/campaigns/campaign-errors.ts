import { ApiError } from '@switchboard/core/errors/api-error';

export const CampaignErrors = {
  notFound: (id: string) => ApiError.notFound(`campaign '${id}'`),
  /** A transition the campaign's status does not allow: 100 naming the status, so the caller sees why. */
  badTransition: (id: string, status: string, action: string, allowed: string) =>
    ApiError.invalidParameter(`status: campaign ${id} is ${status}; only ${allowed} campaigns can be ${action}`),
} as const;
