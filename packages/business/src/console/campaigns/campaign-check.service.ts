import { Injectable } from '@nestjs/common';
import { CampaignsService } from '../../campaigns/campaigns.service';
import { estimateCampaign } from '../../campaigns/check/estimate';
import type { CreateCampaignBody } from '../../campaigns/inputs/campaign.input';
import { SendLimits } from '../../limits/send-limits';
import { MESSAGING_LIMIT_WINDOW_MS } from '../../limits/tiers/tiers';
import { OverviewRepository } from '../overview/overview.repository';

/**
 * The wizard's review step: what a create would make of the request (its audience report, from a rolled-back build)
 * and how long it would take at most, from the number's throughput and the business's messaging limit.
 */
@Injectable()
export class CampaignCheck {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly limits: SendLimits,
    private readonly overview: OverviewRepository,
  ) {}

  async check(businessId: string, body: CreateCampaignBody) {
    const checked = await this.campaigns.check(businessId, body);
    const [messagesPerSecond, tier, used24h] = await Promise.all([
      this.limits.rateOf(checked.phone_number_id),
      this.limits.tierOf(businessId),
      this.overview.contactedSince(businessId, new Date(Date.now() - MESSAGING_LIMIT_WINDOW_MS)),
    ]);
    const sendable = checked.report.pending;
    return { ...checked, estimate: estimateCampaign({ sendable, messagesPerSecond, tier, used24h }) };
  }
}
