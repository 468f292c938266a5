import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { FastifyRequest } from 'fastify';
import { ApiKeysService, type AuthenticatedBusiness } from './api-keys.service';

export type { AuthenticatedBusiness };

type BusinessRequest = FastifyRequest & { business?: AuthenticatedBusiness };

/**
 * `@UseGuards(BusinessAuthGuard)`: the route needs a business API key; the caller is then `@CurrentBusiness()`.
 * A `:waba_id` route param that is not the caller's business answers 404 here, exactly like a missing WABA, so no
 * `/{waba_id}/…` route can forget the check.
 */
@Injectable()
export class BusinessAuthGuard implements CanActivate {
  constructor(private readonly keys: ApiKeysService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<BusinessRequest>();
    const business = await this.keys.authenticate(req.headers.authorization, req.ip);
    const waba = (req.params as Record<string, string> | undefined)?.waba_id;
    if (waba !== undefined && waba !== business.businessId) throw ApiError.notFound(`object '${waba}'`);
    req.business = business;
    return true;
  }
}

export const CurrentBusiness = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedBusiness => {
  const business = ctx.switchToHttp().getRequest<BusinessRequest>().business;
  if (!business) throw new Error('CurrentBusiness used on a route without BusinessAuthGuard');
  return business;
});
