import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';

/** What the overview page reads: the business's numbers and its messaging-limit use. */
@Injectable()
export class OverviewRepository {
  constructor(private readonly prisma: PrismaService) {}

  business(businessId: string) {
    return this.prisma.client.business.findUniqueOrThrow({
      where: { id: businessId },
      select: { id: true, name: true, timeZone: true, messagingLimitTier: true },
    });
  }

  numbers(businessId: string) {
    return this.prisma.client.businessNumber.findMany({ where: { businessId }, orderBy: { createdAt: 'asc' } });
  }

  /** Unique consumers contacted outside a service window since `since`: the messaging limit's use (Postgres' truth). */
  contactedSince(businessId: string, since: Date) {
    return this.prisma.client.businessInitiatedContact.count({ where: { businessId, lastAt: { gt: since } } });
  }
}
