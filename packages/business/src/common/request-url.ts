import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The absolute URL the client called (with its version segment), for the `paging.next` / `paging.previous` links
 * Graph lists carry. Built from the request itself so it is right behind any host name the API is reached by.
 */
export const RequestUrl = createParamDecorator((_: unknown, ctx: ExecutionContext): URL => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  return new URL(req.originalUrl, `${req.protocol}://${req.host}`);
});
