import { ApiError } from '@switchboard/core/errors/api-error';

/** Graph's answer to a missing, malformed, unknown or revoked access token. */
export const invalidAccessToken = (details: string) =>
  new ApiError(401, 190, 'Invalid OAuth access token', details, 'OAuthException');

/** Graph's answer to a valid token that lacks the permission: the decision is the platform operator's. */
export const operatorOnly = (what: string) =>
  new ApiError(
    403,
    10,
    '(#10) Permission denied',
    `${what} is the platform operator's decision: it needs the operator's credential, not a business API key`,
  );
