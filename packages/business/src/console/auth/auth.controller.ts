import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleOriginGuard } from '../session/console-session.guard';
import { type AuthAnswer, ConsoleAuth } from './console-auth.service';
import {
  type PasswordBody,
  passwordBody,
  type SignInBody,
  signInBody,
  type TotpBody,
  totpBody,
} from './inputs/auth.input';
import { signedIn, totpEnabled } from './outputs/signed-in.output';

/**
 * The Better Auth routes the console uses, each declared (openapi.yaml lists them like every route) and run by
 * Better Auth itself; the bodies are validated here first so a mistake names its field as elsewhere in the API.
 */
@Controller('console/v1/auth')
@UseGuards(ConsoleOriginGuard)
export class ConsoleAuthController {
  constructor(private readonly auth: ConsoleAuth) {}

  @Post('sign-in/email')
  @HttpCode(200)
  async signIn(
    @Body(valid(signInBody)) _: SignInBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return signedIn(pass(await this.auth.handle(req), reply));
  }

  @Post('sign-out')
  @HttpCode(200)
  async signOut(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    pass(await this.auth.handle(req), reply);
    return { success: true };
  }

  @Post('two-factor/enable')
  @HttpCode(200)
  async enableTotp(
    @Body(valid(passwordBody)) _: PasswordBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return totpEnabled(pass(await this.auth.handle(req), reply));
  }

  @Post('two-factor/verify-totp')
  @HttpCode(200)
  async verifyTotp(
    @Body(valid(totpBody)) _: TotpBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return signedIn(pass(await this.auth.handle(req), reply));
  }

  @Post('two-factor/disable')
  @HttpCode(200)
  async disableTotp(
    @Body(valid(passwordBody)) _: PasswordBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    pass(await this.auth.handle(req), reply);
    return { success: true };
  }
}

/** Hands Better Auth's cookies (session set or cleared) to the browser; the body is reshaped by the route. */
function pass(answer: AuthAnswer, reply: FastifyReply): Record<string, unknown> {
  if (answer.setCookies.length) void reply.header('set-cookie', answer.setCookies);
  return answer.body;
}
