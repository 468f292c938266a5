import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import { DAILY_TRAFFIC_SQL, FAILING_WEBHOOKS_SQL, HOURLY_TRAFFIC_SQL, SENT_PER_NUMBER_SQL } from './overview.sql';

export interface TrafficCounts {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}
export type HourTraffic = TrafficCounts & { start: string };
export type DayTraffic = TrafficCounts & { day: string };
export interface FailingWebhook {
  id: string;
  callbackUrl: string;
  lastAttemptAt: Date;
  error: string;
  statusCode: number | null;
  failedSince: number;
}

/** What the overview page reads: the business's numbers, its messaging-limit use, traffic and failing webhooks. */
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

  /** The 24 hours up to `now`, hour by hour. */
  hourly(businessId: string, now: Date): Promise<HourTraffic[]> {
    return this.prisma.client.$queryRawUnsafe(HOURLY_TRAFFIC_SQL, businessId, now.toISOString());
  }

  /** The `days` calendar days (in `timeZone`) up to and including today. */
  daily(businessId: string, now: Date, timeZone: string, days: number): Promise<DayTraffic[]> {
    return this.prisma.client.$queryRawUnsafe(DAILY_TRAFFIC_SQL, businessId, now.toISOString(), timeZone, days);
  }

  /** Outbound messages per phone number id since `since`. */
  async sentPerNumber(businessId: string, since: Date): Promise<Map<string, number>> {
    const rows = await this.prisma.client.$queryRawUnsafe<{ phoneNumberId: string; messages: number }[]>(
      SENT_PER_NUMBER_SQL,
      businessId,
      since.toISOString(),
    );
    return new Map(rows.map((r) => [r.phoneNumberId, r.messages]));
  }

  /** Live subscriptions whose latest POST failed, with the count of failed POSTs since `since`. */
  failingWebhooks(businessId: string, since: Date): Promise<FailingWebhook[]> {
    return this.prisma.client.$queryRawUnsafe(FAILING_WEBHOOKS_SQL, businessId, since.toISOString());
  }
}
