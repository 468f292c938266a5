import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Renders every error in the one envelope. Anything that is not an ApiError or an HttpException is a bug: it is logged
 * with the request id and the client gets code 1 with no internals.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = toApiError(exception, req);
    if (error.status === 503) {
      req.log.warn({ err: exception }, 'overloaded: answered 503');
      void reply.header('retry-after', String(RETRY_AFTER_S));
    } else if (error.status >= 500) req.log.error({ err: exception }, 'unhandled error');
    void reply.status(error.status).send({ error: error.toBody(String(req.id)) });
  }
}

const RETRY_AFTER_S = 1;

/**
 * Prisma's errors for a database that cannot take more work right now: no connection free in time (P2024), a
 * transaction that could not start or outran its deadline (P2028). The request did nothing it keeps (the transaction
 * rolled back), so the client is told to retry, not that the server is broken.
 */
const OVERLOAD_CODES = new Set(['P2024', 'P2028']);

function isOverload(exception: unknown): boolean {
  const code = (exception as { code?: unknown })?.code;
  return typeof code === 'string' && OVERLOAD_CODES.has(code);
}

export function toApiError(exception: unknown, req: FastifyRequest): ApiError {
  if (exception instanceof ApiError) return exception;
  if (isOverload(exception)) {
    return new ApiError(503, 2, '(#2) Service temporarily unavailable', 'The server is busy: retry after a moment');
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return ApiError.notFound(`${req.method} ${req.url.split('?')[0]}`);
    if (status === 413) return new ApiError(413, 100, '(#100) Request body is too large');
    if (status === 429) return new ApiError(429, 130429, '(#130429) Rate limit hit');
    if (status < 500) return ApiError.invalidParameter(exception.message);
  }
  // Fastify's own errors (malformed JSON, unsupported content type) carry a 4xx statusCode.
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new ApiError(statusCode, 100, '(#100) Invalid request', (exception as Error).message);
  }
  return new ApiError(500, 1, 'An unknown error occurred', undefined, 'OAuthException');
}
