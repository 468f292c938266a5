import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import type { FastifyRequest } from 'fastify';
import { ApiKeysService } from './api-keys.service';
import { operatorOnly } from './auth-errors';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * `@UseGuards(OperatorAuthGuard)`: the route is the platform operator's (`OPERATOR_TOKEN`), for decisions Meta makes
 * for the Cloud API — a business that could make them could approve its own rejected templates. A business API key is
 * a valid token without that permission (403, code 10); anything else is an invalid token (401, code 190).
 */
@Injectable()
export class OperatorAuthGuard implements CanActivate {
  private readonly digest?: Buffer;

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly keys: ApiKeysService,
  ) {
    this.digest = config.operatorToken === undefined ? undefined : sha256(config.operatorToken);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const header = req.headers.authorization;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
    // Digests are compared, not tokens: equal lengths, so the time taken says nothing about the secret.
    if (token && this.digest && timingSafeEqual(sha256(token), this.digest)) return true;
    await this.keys.authenticate(header, req.ip);
    throw operatorOnly('template review');
  }
}
