import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';

/** A user's console sessions (Better Auth's session rows). Deleting a row signs that browser out at its next request. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  active(userId: string, now: Date) {
    return this.prisma.client.consoleSession.findMany({
      where: { userId, expiresAt: { gt: now } },
      select: { id: true, createdAt: true, updatedAt: true, expiresAt: true, ipAddress: true, userAgent: true },
      orderBy: { createdAt: 'desc' },
    });
  }

  async revoke(userId: string, id: string): Promise<boolean> {
    return (await this.prisma.client.consoleSession.deleteMany({ where: { id, userId } })).count === 1;
  }

  async revokeAllBut(userId: string, keepId: string): Promise<number> {
    return (await this.prisma.client.consoleSession.deleteMany({ where: { userId, id: { not: keepId } } })).count;
  }
}
