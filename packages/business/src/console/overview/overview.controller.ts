import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { valid } from '@switchboard/core/common/zod.pipe';
import { CONFIG } from '@switchboard/platform';
import { z } from 'zod';
import { MESSAGING_LIMIT_WINDOW_MS, tierLimit } from '../../limits/tiers/tiers';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleSessionGuard } from '../session/console-session.guard';
import { OverviewRepository } from './overview.repository';

/** Days of daily traffic read; the 7-day chart is the last 7 of them. */
const DAYS = 30;

/** The traffic charts cost a scan of the month's messages: only the overview page asks; pages wanting numbers don't. */
const overviewQuery = z.object({ traffic: z.enum(['true', 'false']).default('false') });

/**
 * The overview page's summary: per number its quality, throughput and last-24 h messages; the business's tier and
 * today's use of it; outbound traffic by hour (24 h) and by day (7 and 30 d, in the business's time zone); the webhook
 * subscriptions whose latest POST failed.
 */
@Controller('console/v1/businesses/:businessId/overview')
@UseGuards(ConsoleSessionGuard)
export class OverviewController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly repo: OverviewRepository,
  ) {}

  @Get()
  async overview(
    @Param(valid(businessParams)) p: BusinessParams,
    @Query(valid(overviewQuery)) q: z.output<typeof overviewQuery>,
  ) {
    const now = new Date();
    const since = new Date(now.getTime() - MESSAGING_LIMIT_WINDOW_MS);
    const business = await this.repo.business(p.businessId);
    const traffic = q.traffic === 'true';
    const [numbers, used, perNumber, hours, days, failing] = await Promise.all([
      this.repo.numbers(p.businessId),
      this.repo.contactedSince(p.businessId, since),
      this.repo.sentPerNumber(p.businessId, since),
      traffic ? this.repo.hourly(p.businessId, now) : [],
      traffic ? this.repo.daily(p.businessId, now, business.timeZone, DAYS) : [],
      this.repo.failingWebhooks(p.businessId, since),
    ]);
    const limit = business.messagingLimitTier === 'TIER_UNLIMITED' ? null : tierLimit(business.messagingLimitTier);
    const daily = days.map(({ day, ...counts }) => ({ start: day, ...counts }));
    return {
      business: { id: business.id, name: business.name, time_zone: business.timeZone },
      messaging_limit: { tier: business.messagingLimitTier, limit, used_24h: used },
      numbers: numbers.map((n) => ({
        id: n.id,
        display_phone_number: n.phoneNumber,
        verified_name: n.verifiedName,
        quality_rating: n.qualityRating,
        messages_per_second: n.messagesPerSecond ?? this.config.limits.messagesPerSecondDefault,
        messages_24h: perNumber.get(n.id) ?? 0,
      })),
      ...(traffic && {
        traffic: {
          last_24h: { bucket: 'hour' as const, points: hours },
          last_7d: { bucket: 'day' as const, points: daily.slice(-7) },
          last_30d: { bucket: 'day' as const, points: daily },
        },
      }),
      failing_webhooks: failing.map((w) => ({
        id: w.id,
        callback_url: w.callbackUrl,
        last_attempt_at: w.lastAttemptAt.toISOString(),
        last_error: w.error,
        last_status_code: w.statusCode,
        failed_attempts_24h: w.failedSince,
      })),
    };
  }
}
