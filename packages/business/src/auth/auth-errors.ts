import { ApiError } from '../../errors/api-error';

/** Graph's answer to a missing, malformed, unknown or revoked access token. */
export const invalidAccessToken = (details: string) =>
  new ApiError(401, 190, 'Invalid OAuth access token', details, 'OAuthException');
