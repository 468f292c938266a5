import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The caller's network address, the key of per-client rate limits. Behind a reverse proxy this is the proxy unless
 * Fastify's trustProxy is configured, in which case every client would share one budget.
 */
export const ClientAddress = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<FastifyRequest>().ip,
);
