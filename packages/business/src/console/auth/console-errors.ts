import { ApiError } from '@switchboard/core/errors/api-error';

// The console speaks the API's one error envelope; these are its own cases.

/** No session cookie, or one whose session expired or was revoked. Graph's code 102 is its "session" error. */
export const notSignedIn = () =>
  new ApiError(401, 102, 'Not signed in', 'sign in to the console: no valid session', 'OAuthException');

export const roleRefused = (needs: readonly string[], has: string) =>
  new ApiError(403, 10, '(#10) Permission denied', `this needs the role ${needs.join(' or ')}; yours is ${has}`);

/** A cross-site write: the request did not come from the console's own origin. */
export const foreignOrigin = () =>
  new ApiError(403, 10, '(#10) Permission denied', 'Origin: the request must come from the console itself');

export const signInThrottled = (retryAfterSeconds: number, why: 'account' | 'source') =>
  new ApiError(
    429,
    4,
    'Too many sign-in attempts',
    `${why === 'account' ? 'this account has had too many failed sign-ins' : 'too many sign-ins from your address'}: try again in ${retryAfterSeconds} s`,
  );

const GRAPH_CODES: Record<number, number> = { 400: 100, 401: 190, 403: 10, 404: 100, 409: 100, 422: 100, 429: 4 };

/** A Better Auth refusal (`{code, message}` with its status) in the envelope; its code goes into the details. */
export function fromAuthRefusal(status: number, body: { code?: string; message?: string } | undefined): ApiError {
  const safeStatus = status >= 400 && status < 500 ? status : 500;
  return new ApiError(
    safeStatus,
    GRAPH_CODES[safeStatus] ?? 1,
    body?.message ?? 'Sign-in failed',
    body?.code,
    'OAuthException',
  );
}
