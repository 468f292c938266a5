import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';

/** Console memberships and invitations (Better Auth's member and invitation tables) as the console reads them. */
@Injectable()
export class MembersRepository {
  constructor(private readonly prisma: PrismaService) {}

  membership(businessId: string, userId: string) {
    return this.prisma.client.consoleMember.findUnique({
      where: { organizationId_userId: { organizationId: businessId, userId } },
    });
  }

  membershipsOf(userId: string) {
    return this.prisma.client.consoleMember.findMany({
      where: { userId },
      include: { business: { select: { id: true, name: true } } },
      orderBy: { createdAt: 'asc' },
    });
  }

  members(businessId: string) {
    return this.prisma.client.consoleMember.findMany({
      where: { organizationId: businessId },
      include: { user: { select: { id: true, name: true, email: true, twoFactorEnabled: true } } },
      orderBy: { createdAt: 'asc' },
    });
  }

  member(businessId: string, memberId: string) {
    return this.prisma.client.consoleMember.findFirst({ where: { id: memberId, organizationId: businessId } });
  }

  countOwners(businessId: string) {
    return this.prisma.client.consoleMember.count({ where: { organizationId: businessId, role: 'owner' } });
  }

  pendingInvitations(businessId: string, now: Date) {
    return this.prisma.client.consoleInvitation.findMany({
      where: { organizationId: businessId, status: 'pending', expiresAt: { gt: now } },
      orderBy: { createdAt: 'asc' },
    });
  }

  invitation(id: string) {
    return this.prisma.client.consoleInvitation.findUnique({
      where: { id },
      include: { business: { select: { id: true, name: true } } },
    });
  }

  invitationOf(businessId: string, id: string) {
    return this.prisma.client.consoleInvitation.findFirst({ where: { id, organizationId: businessId } });
  }

  /** The first owner's setup link: an invitation nobody sent (`npm run admin -- create-user`). */
  createSetupInvitation(data: { id: string; businessId: string; email: string; expiresAt: Date }) {
    return this.prisma.client.consoleInvitation.create({
      data: {
        id: data.id,
        organizationId: data.businessId,
        email: data.email,
        role: 'owner',
        expiresAt: data.expiresAt,
      },
    });
  }

  /** Marks the invitation accepted and adds the membership, once: a second acceptance finds it no longer pending. */
  async accept(invitationId: string, member: { id: string; userId: string }): Promise<boolean> {
    return this.prisma.client.$transaction(async (tx) => {
      const claimed = await tx.consoleInvitation.updateMany({
        where: { id: invitationId, status: 'pending', expiresAt: { gt: new Date() } },
        data: { status: 'accepted' },
      });
      if (claimed.count !== 1) return false;
      const invitation = await tx.consoleInvitation.findUniqueOrThrow({ where: { id: invitationId } });
      await tx.consoleMember.upsert({
        where: { organizationId_userId: { organizationId: invitation.organizationId, userId: member.userId } },
        create: {
          id: member.id,
          organizationId: invitation.organizationId,
          userId: member.userId,
          role: invitation.role,
        },
        update: {},
      });
      return true;
    });
  }

  /** Up to two businesses: create-user picks the business when there is exactly one (the one bootstrap made). */
  someBusinesses() {
    return this.prisma.client.business.findMany({
      select: { id: true, name: true },
      take: 2,
      orderBy: { createdAt: 'asc' },
    });
  }

  business(id: string) {
    return this.prisma.client.business.findUnique({ where: { id }, select: { id: true, name: true } });
  }

  userByEmail(email: string) {
    return this.prisma.client.consoleUser.findUnique({ where: { email } });
  }
}
