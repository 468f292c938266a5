import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Config } from '@switchboard/config';
import { ApiError } from '@switchboard/core/errors/api-error';
import { CONFIG } from '@switchboard/platform';
import type { FastifyRequest } from 'fastify';
import { ConsoleAuth } from '../auth/console-auth.service';
import { foreignOrigin, notSignedIn, roleRefused } from '../auth/console-errors';
import { consoleOrigins } from '../auth/console-origins';
import { type ConsoleRole, isConsoleRole } from '../auth/roles';
import { MembersRepository } from '../members/members.repository';

/** Who is calling a console route: the signed-in user, their session and, on `/businesses/:businessId/…`, their role. */
export interface Operator {
  user: { id: string; email: string; name: string };
  sessionId: string;
  membership?: { id: string; businessId: string; role: ConsoleRole };
}

type OperatorRequest = FastifyRequest & { operator?: Operator };

const ROLES = 'console:roles';
/** The roles that may call this route; without it, any member of the business may. */
export const ConsoleRoles = (...roles: ConsoleRole[]) => SetMetadata(ROLES, roles);

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A write must carry the console's own Origin (browsers always send it on cross-origin and same-origin POSTs). */
function assertSameOrigin(req: FastifyRequest, origins: string[]): void {
  if (!SAFE.has(req.method) && !origins.includes(req.headers.origin ?? '')) throw foreignOrigin();
}

/**
 * `@UseGuards(ConsoleOriginGuard)`: a console route that needs no session (sign-in, accepting an invitation) still
 * only takes writes from the console's origin, so another site cannot sign a browser in as someone else.
 */
@Injectable()
export class ConsoleOriginGuard implements CanActivate {
  private readonly origins: string[];

  constructor(@Inject(CONFIG) config: Config) {
    this.origins = consoleOrigins(config);
  }

  canActivate(ctx: ExecutionContext): boolean {
    assertSameOrigin(ctx.switchToHttp().getRequest<FastifyRequest>(), this.origins);
    return true;
  }
}

/**
 * `@UseGuards(ConsoleSessionGuard)`: the route is a console operator's. The session cookie resolves to the user (401
 * code 102 without one); a `:businessId` param must be a business they are a member of (404 otherwise, exactly like a
 * missing business, so membership cannot be probed) and their role one of `@ConsoleRoles(...)` (403 code 10). Writes
 * must come from the console's own origin (CSRF: SameSite=Lax already keeps the cookie off cross-site posts; the
 * Origin check also covers same-site neighbours).
 */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  private readonly origins: string[];

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly auth: ConsoleAuth,
    private readonly members: MembersRepository,
    private readonly reflector: Reflector,
  ) {
    this.origins = consoleOrigins(config);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<OperatorRequest>();
    assertSameOrigin(req, this.origins);
    const found = await this.auth.session(req);
    if (!found) throw notSignedIn();
    const operator: Operator = {
      user: { id: found.user.id, email: found.user.email, name: found.user.name },
      sessionId: found.session.id,
    };
    const businessId = (req.params as Record<string, string> | undefined)?.businessId;
    if (businessId !== undefined) {
      const member = await this.members.membership(businessId, found.user.id);
      if (!member || !isConsoleRole(member.role)) throw ApiError.notFound(`business '${businessId}'`);
      const allowed = this.reflector.get<ConsoleRole[] | undefined>(ROLES, ctx.getHandler());
      if (allowed && !allowed.includes(member.role)) throw roleRefused(allowed, member.role);
      operator.membership = { id: member.id, businessId, role: member.role };
    }
    req.operator = operator;
    return true;
  }
}

export const CurrentOperator = createParamDecorator((_: unknown, ctx: ExecutionContext): Operator => {
  const operator = ctx.switchToHttp().getRequest<OperatorRequest>().operator;
  if (!operator) throw new Error('CurrentOperator used on a route without ConsoleSessionGuard');
  return operator;
});
