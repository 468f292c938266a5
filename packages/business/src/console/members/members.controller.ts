import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import type { FastifyRequest } from 'fastify';
import { MEMBER_MANAGERS } from '../auth/roles';
import { ConsoleRoles, ConsoleSessionGuard, CurrentOperator, type Operator } from '../session/console-session.guard';
import {
  type BusinessParams,
  businessParams,
  type ChangeRoleBody,
  changeRoleBody,
  type InvitationParams,
  type InviteBody,
  invitationParams,
  inviteBody,
  type MemberParams,
  memberParams,
} from './inputs/member.input';
import { MembersService } from './members.service';

type Manager = Parameters<MembersService['invite']>[0];
const manager = (op: Operator) => op as Manager;

@Controller('console/v1/businesses/:businessId')
@UseGuards(ConsoleSessionGuard)
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('members')
  list(@Param(valid(businessParams)) p: BusinessParams) {
    return this.members.list(p.businessId);
  }

  @Post('invitations')
  @HttpCode(200)
  @ConsoleRoles(...MEMBER_MANAGERS)
  invite(@CurrentOperator() op: Operator, @Req() req: FastifyRequest, @Body(valid(inviteBody)) body: InviteBody) {
    return this.members.invite(manager(op), req, body.email, body.role);
  }

  @Delete('invitations/:invitationId')
  @ConsoleRoles(...MEMBER_MANAGERS)
  cancel(
    @CurrentOperator() op: Operator,
    @Req() req: FastifyRequest,
    @Param(valid(invitationParams)) p: InvitationParams,
  ) {
    return this.members.cancelInvitation(manager(op), req, p.invitationId);
  }

  @Patch('members/:memberId')
  @ConsoleRoles(...MEMBER_MANAGERS)
  changeRole(
    @CurrentOperator() op: Operator,
    @Req() req: FastifyRequest,
    @Param(valid(memberParams)) p: MemberParams,
    @Body(valid(changeRoleBody)) body: ChangeRoleBody,
  ) {
    return this.members.changeRole(manager(op), req, p.memberId, body.role);
  }

  @Delete('members/:memberId')
  @ConsoleRoles(...MEMBER_MANAGERS)
  remove(@CurrentOperator() op: Operator, @Req() req: FastifyRequest, @Param(valid(memberParams)) p: MemberParams) {
    return this.members.remove(manager(op), req, p.memberId);
  }
}
