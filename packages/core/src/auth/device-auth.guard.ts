import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type AuthenticatedDevice, DeviceAuthService } from './device-auth.service';

export type { AuthenticatedDevice };

type AuthedRequest = FastifyRequest & { device?: AuthenticatedDevice };

/** `@UseGuards(DeviceAuthGuard)`: the route needs a device credential; the device is then `@CurrentDevice()`. */
@Injectable()
export class DeviceAuthGuard implements CanActivate {
  constructor(private readonly auth: DeviceAuthService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    req.device = await this.auth.authenticate(req.headers.authorization, req.ip);
    return true;
  }
}

export const CurrentDevice = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedDevice => {
  const device = ctx.switchToHttp().getRequest<AuthedRequest>().device;
  if (!device) throw new Error('CurrentDevice used on a route without DeviceAuthGuard');
  return device;
});
