import { Controller, Get, UseGuards } from '@nestjs/common';
import { MembersRepository } from '../members/members.repository';
import { ConsoleSessionGuard, CurrentOperator, type Operator } from '../session/console-session.guard';

/** Who is signed in and the businesses they belong to, with their role in each: the dashboard's first request. */
@Controller('console/v1/me')
@UseGuards(ConsoleSessionGuard)
export class MeController {
  constructor(private readonly members: MembersRepository) {}

  @Get()
  async me(@CurrentOperator() op: Operator) {
    const memberships = await this.members.membershipsOf(op.user.id);
    return {
      user: op.user,
      memberships: memberships.map((m) => ({ member_id: m.id, role: m.role, business: m.business })),
    };
  }
}
