import { type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Config } from '@switchboard/config';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { FastifyHttpOptions, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The HTTP server's own limits and the errors it raises before any route runs, in the one error envelope: a client
 * that sends half a request (or half a WebSocket upgrade) and waits is answered and closed within the configured
 * timeouts instead of holding a connection for minutes; a path the router cannot decode, a path parameter over
 * its length limit or headers over Node's size limit get a Graph error like any other.
 */
export function serverOptions(config: Config): FastifyHttpOptions<Server> {
  const t = config.api.timeouts;
  return {
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    requestTimeout: t.requestMs,
    // Node refuses a header deadline past the request's, and checks both on an interval (30 s by default, which
    // would hold a half-sent request that much longer): a tenth of the shorter deadline.
    http: {
      headersTimeout: Math.min(t.headersMs, t.requestMs),
      connectionsCheckingInterval: Math.max(100, Math.min(t.headersMs, t.requestMs) / 10),
    },
    frameworkErrors: (error: Error & { code?: string }, req: FastifyRequest, reply: FastifyReply) => {
      const apiError =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new ApiError(414, 100, '(#100) Invalid parameter', 'path: a path parameter is too long')
          : ApiError.invalidParameter('path: not a valid URL (undecodable percent-encoding)');
      void reply.status(apiError.status).send({ error: apiError.toBody(String(req.id)) });
    },
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const apiError =
        status === 408
          ? new ApiError(408, 100, '(#100) Request timed out', 'the request did not arrive in time')
          : new ApiError(
              status,
              100,
              '(#100) Invalid request',
              status === 431 ? 'headers or URL too large' : 'malformed HTTP request',
            );
      // No request exists yet, so no request id: the trace id says where the error came from.
      const body = JSON.stringify({ error: apiError.toBody('http-server') });
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy();
    },
  };
}
