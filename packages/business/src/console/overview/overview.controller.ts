import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { valid } from '@switchboard/core/common/zod.pipe';
import { CONFIG } from '@switchboard/platform';
import { MESSAGING_LIMIT_WINDOW_MS, tierLimit } from '../../limits/tiers/tiers';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleSessionGuard } from '../session/console-session.guard';
import { OverviewRepository } from './overview.repository';

/** The overview page's summary: per number its quality and throughput; the business's tier and today's use of it. */
@Controller('console/v1/businesses/:businessId/overview')
@UseGuards(ConsoleSessionGuard)
export class OverviewController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly repo: OverviewRepository,
  ) {}

  @Get()
  async overview(@Param(valid(businessParams)) p: BusinessParams) {
    const since = new Date(Date.now() - MESSAGING_LIMIT_WINDOW_MS);
    const [business, numbers, used] = await Promise.all([
      this.repo.business(p.businessId),
      this.repo.numbers(p.businessId),
      this.repo.contactedSince(p.businessId, since),
    ]);
    const limit = business.messagingLimitTier === 'TIER_UNLIMITED' ? null : tierLimit(business.messagingLimitTier);
    return {
      business: { id: business.id, name: business.name, time_zone: business.timeZone },
      messaging_limit: { tier: business.messagingLimitTier, limit, used_24h: used },
      numbers: numbers.map((n) => ({
        id: n.id,
        display_phone_number: n.phoneNumber,
        verified_name: n.verifiedName,
        quality_rating: n.qualityRating,
        messages_per_second: n.messagesPerSecond ?? this.config.limits.messagesPerSecondDefault,
      })),
    };
  }
}
