import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { invalidAccessToken } from '@switchboard/business/auth/auth-errors';
import type { Config } from '@switchboard/config';
import { ApiError } from '@switchboard/core/errors/api-error';
import { CONFIG } from '@switchboard/platform';
import type { FastifyRequest } from 'fastify';

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Who may scrape /metrics: with METRICS_TOKEN set, a request bearing it (`Authorization: Bearer …`), from anywhere;
 * without it, only the node's own host (loopback). Route names, queue depths and process figures tell an outsider
 * too much about the deployment to be served to anyone who reaches the API port.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly digest?: Buffer;

  constructor(@Inject(CONFIG) config: Config) {
    this.digest = config.metricsToken === undefined ? undefined : sha256(config.metricsToken);
  }

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    if (!this.digest) {
      if (LOOPBACK.test(req.socket.remoteAddress ?? '')) return true;
      throw new ApiError(
        403,
        10,
        '(#10) Permission denied',
        'metrics are served to loopback unless METRICS_TOKEN is set',
      );
    }
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    // Digests are compared, not tokens: equal lengths, so the time taken says nothing about the secret.
    if (token && timingSafeEqual(sha256(token), this.digest)) return true;
    throw invalidAccessToken('metrics need the METRICS_TOKEN bearer credential');
  }
}
