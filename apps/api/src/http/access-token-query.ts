import type { IncomingMessage } from 'node:http';

/**
 * Graph accepts the access token as `?access_token=` as well as `Authorization: Bearer`. Before routing (Fastify's
 * `rewriteUrl`, so before the request is logged), the parameter is taken out of the URL and, unless the request
 * already has an Authorization header, becomes one: authentication then has one input, and the token never reaches
 * the logged URL, route labels or anything else that reads `req.url`. Returns the URL without it.
 */
export function takeAccessTokenFromQuery(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  if (q < 0 || !url.includes('access_token', q)) return url;
  let token: string | undefined;
  const kept = url
    .slice(q + 1)
    .split('&')
    .filter((part) => {
      const eq = part.indexOf('=');
      if (decodeOr(eq < 0 ? part : part.slice(0, eq)) !== 'access_token') return true;
      token ??= eq < 0 ? '' : decodeOr(part.slice(eq + 1));
      return false;
    });
  if (token && req.headers.authorization === undefined) req.headers.authorization = `Bearer ${token}`;
  return kept.length ? `${url.slice(0, q)}?${kept.join('&')}` : url.slice(0, q);
}

/** A query component as form decoding reads it; undecodable text stays as it is (the router answers it). */
function decodeOr(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
