import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';

/** Who may answer (console memberships) and their availability and capacity for automatic assignment. */
@Injectable()
export class AgentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  role(businessId: string, userId: string) {
    return this.prisma.client.consoleMember
      .findUnique({ where: { organizationId_userId: { organizationId: businessId, userId } }, select: { role: true } })
      .then((m) => m?.role);
  }

  upsert(businessId: string, userId: string, available: boolean, capacity?: number) {
    return this.prisma.client.inboxAgent.upsert({
      where: { businessId_userId: { businessId, userId } },
      create: { businessId, userId, available, ...(capacity !== undefined && { capacity }) },
      update: { available, ...(capacity !== undefined && { capacity }) },
    });
  }

  /** The agent's row with the defaults (not available through the API, the default capacity) unless it exists. */
  ensure(businessId: string, userId: string) {
    return this.prisma.client.inboxAgent.createMany({ data: [{ businessId, userId }], skipDuplicates: true });
  }

  /** Conversations the agent works on now (open or pending). */
  load(businessId: string, userId: string) {
    return this.prisma.client.conversation.count({
      where: { businessId, assigneeType: 'user', assigneeId: userId, status: { in: ['open', 'pending'] } },
    });
  }
}
