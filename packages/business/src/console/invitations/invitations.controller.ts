import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleOriginGuard } from '../session/console-session.guard';
import { type AcceptBody, acceptBody, type InvitationIdParams, invitationIdParams } from './inputs/accept.input';
import { InvitationsService } from './invitations.service';

/** Invitation links: no session needed, the invitation's id is the credential. */
@Controller('console/v1/invitations/:invitationId')
@UseGuards(ConsoleOriginGuard)
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  show(@Param(valid(invitationIdParams)) p: InvitationIdParams) {
    return this.invitations.show(p.invitationId);
  }

  @Post('accept')
  @HttpCode(200)
  async accept(
    @Param(valid(invitationIdParams)) p: InvitationIdParams,
    @Body(valid(acceptBody)) body: AcceptBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const joined = await this.invitations.accept(p.invitationId, req, body.name, body.password);
    if (joined.setCookies.length) void reply.header('set-cookie', joined.setCookies);
    return joined.body;
  }
}
