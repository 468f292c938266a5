import type { FastifyRequest } from 'fastify';

/** The header Better Auth reads a caller's address from: always set by the API itself, never taken from a client. */
export const CLIENT_IP_HEADER = 'x-switchboard-client-ip';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The browser's address, the key of per-source sign-in limits. The console reaches the API through the dashboard's
 * server on the same host, which passes the browser's address in X-Forwarded-For; from anywhere else that header is
 * a client's claim and is ignored.
 */
export function clientIp(req: FastifyRequest): string {
  const peer = req.socket.remoteAddress ?? req.ip;
  const forwarded = req.headers['x-forwarded-for'];
  if (LOOPBACK.test(peer) && typeof forwarded === 'string') {
    const first = forwarded.split(',')[0]?.trim();
    if (first) return first;
  }
  return peer;
}
