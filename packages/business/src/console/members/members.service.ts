import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import type { FastifyRequest } from 'fastify';
import { ConsoleAuth, requestHeaders } from '../auth/console-auth.service';
import type { ConsoleRole } from '../auth/roles';
import type { Operator } from '../session/console-session.guard';
import { invitationLink } from './invitation-link';
import { MemberErrors } from './member-errors';
import { MembersRepository } from './members.repository';

type Manager = Operator & { membership: NonNullable<Operator['membership']> };

/**
 * Members of one business. The route's guard has already required owner or admin for changes; here are the rules on
 * owners (only an owner makes or touches one, the last owner stays), then Better Auth's organization plugin does the
 * change with the caller's session (it checks its own permissions as well).
 */
@Injectable()
export class MembersService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly auth: ConsoleAuth,
    private readonly repo: MembersRepository,
  ) {}

  async list(businessId: string) {
    const [members, invitations] = await Promise.all([
      this.repo.members(businessId),
      this.repo.pendingInvitations(businessId, new Date()),
    ]);
    return {
      members: members.map((m) => ({
        id: m.id,
        role: m.role,
        user: { id: m.user.id, name: m.user.name, email: m.user.email },
        two_factor_enabled: m.user.twoFactorEnabled === true,
        created_at: m.createdAt.toISOString(),
      })),
      invitations: invitations.map((i) => this.renderInvitation(i)),
    };
  }

  async invite(op: Manager, req: FastifyRequest, email: string, role: ConsoleRole) {
    if (role === 'owner' && op.membership.role !== 'owner') throw MemberErrors.onlyOwnersTouchOwners();
    const invitation = await this.auth.call(() =>
      this.auth.api.createInvitation({
        headers: requestHeaders(req),
        body: { email, role, organizationId: op.membership.businessId, resend: true },
      }),
    );
    return this.renderInvitation(invitation);
  }

  async cancelInvitation(op: Manager, req: FastifyRequest, invitationId: string) {
    if (!(await this.repo.invitationOf(op.membership.businessId, invitationId))) {
      throw MemberErrors.invitationNotFound(invitationId);
    }
    await this.auth.call(() =>
      this.auth.api.cancelInvitation({ headers: requestHeaders(req), body: { invitationId } }),
    );
    return { success: true };
  }

  async changeRole(op: Manager, req: FastifyRequest, memberId: string, role: ConsoleRole) {
    const target = await this.touchable(op, memberId, role);
    if (target.role === role) return { id: target.id, role };
    await this.auth.call(() =>
      this.auth.api.updateMemberRole({
        headers: requestHeaders(req),
        body: { memberId, role, organizationId: op.membership.businessId },
      }),
    );
    return { id: target.id, role };
  }

  async remove(op: Manager, req: FastifyRequest, memberId: string) {
    await this.touchable(op, memberId);
    await this.auth.call(() =>
      this.auth.api.removeMember({
        headers: requestHeaders(req),
        body: { memberIdOrEmail: memberId, organizationId: op.membership.businessId },
      }),
    );
    return { success: true };
  }

  /** The member, if the caller may change it to `role` (or remove it, without one). */
  private async touchable(op: Manager, memberId: string, role?: ConsoleRole) {
    const target = await this.repo.member(op.membership.businessId, memberId);
    if (!target) throw MemberErrors.notFound(memberId);
    const ownerInvolved = target.role === 'owner' || role === 'owner';
    if (ownerInvolved && op.membership.role !== 'owner') throw MemberErrors.onlyOwnersTouchOwners();
    const stepsDown = target.role === 'owner' && role !== 'owner';
    if (stepsDown && (await this.repo.countOwners(op.membership.businessId)) <= 1) throw MemberErrors.lastOwner();
    return target;
  }

  private renderInvitation(i: { id: string; email: string; role: string; expiresAt: Date; createdAt?: Date }) {
    return {
      id: i.id,
      email: i.email,
      role: i.role,
      expires_at: i.expiresAt.toISOString(),
      link: invitationLink(this.config, i.id),
    };
  }
}
