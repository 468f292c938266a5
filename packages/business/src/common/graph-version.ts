const VERSION_PREFIX = /^\/v[0-9]+\.[0-9]+(?=\/|$|\?)/;

/**
 * The Graph API serves every path with or without a version segment (`/v23.0/{id}/messages`). Cloud API clients
 * always send one, so createApp strips it before routing (Fastify `rewriteUrl`) and each route is registered — and
 * documented in openapi.yaml — once. Core paths (`/v1/...`) have no dot and are left alone.
 */
export function stripGraphVersion(url: string): string {
  const stripped = url.replace(VERSION_PREFIX, '');
  return stripped === '' || stripped.startsWith('?') ? `/${stripped}` : stripped;
}
