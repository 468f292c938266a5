import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import { CampaignsService } from '../../campaigns/campaigns.service';
import { type ListCampaignsQuery, listCampaignsQuery } from '../../campaigns/inputs/campaign.input';
import { CampaignLifecycle } from '../../campaigns/lifecycle/campaign-lifecycle.service';
import { CampaignRecipients } from '../../campaigns/recipients/campaign-recipients.service';
import { type ListRecipientsQuery, listRecipientsQuery } from '../../campaigns/recipients/recipients.input';
import { CampaignRetry } from '../../campaigns/retry/campaign-retry.service';
import { RequestUrl } from '../../common/request-url';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleRoles, ConsoleSessionGuard } from '../session/console-session.guard';
import { type ConsoleCampaignParams, consoleCampaignParams } from './inputs/console-campaign.input';

/**
 * The campaigns pages: the business API's own campaign services behind a console session. Everyone reads; sending
 * decisions (pause, resume, cancel, retry) are for owners and admins.
 */
@Controller('console/v1/businesses/:businessId/campaigns')
@UseGuards(ConsoleSessionGuard)
export class ConsoleCampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly lifecycle: CampaignLifecycle,
    private readonly retries: CampaignRetry,
    private readonly recipients: CampaignRecipients,
  ) {}

  @Get()
  list(
    @Param(valid(businessParams)) p: BusinessParams,
    @Query(valid(listCampaignsQuery)) q: ListCampaignsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.campaigns.list(p.businessId, q, url);
  }

  @Get(':campaignId')
  get(@Param(valid(consoleCampaignParams)) p: ConsoleCampaignParams) {
    return this.campaigns.get(p.businessId, p.campaignId);
  }

  @Get(':campaignId/recipients')
  listRecipients(
    @Param(valid(consoleCampaignParams)) p: ConsoleCampaignParams,
    @Query(valid(listRecipientsQuery)) q: ListRecipientsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.recipients.list(p.businessId, p.campaignId, q, url);
  }

  @Post(':campaignId/pause')
  @ConsoleRoles('owner', 'admin')
  @HttpCode(200)
  pause(@Param(valid(consoleCampaignParams)) p: ConsoleCampaignParams) {
    return this.lifecycle.pause(p.businessId, p.campaignId);
  }

  @Post(':campaignId/resume')
  @ConsoleRoles('owner', 'admin')
  @HttpCode(200)
  resume(@Param(valid(consoleCampaignParams)) p: ConsoleCampaignParams) {
    return this.lifecycle.resume(p.businessId, p.campaignId);
  }

  @Post(':campaignId/cancel')
  @ConsoleRoles('owner', 'admin')
  @HttpCode(200)
  cancel(@Param(valid(consoleCampaignParams)) p: ConsoleCampaignParams) {
    return this.lifecycle.cancel(p.businessId, p.campaignId);
  }

  @Post(':campaignId/retry')
  @ConsoleRoles('owner', 'admin')
  @HttpCode(200)
  retry(@Param(valid(consoleCampaignParams)) p: ConsoleCampaignParams) {
    return this.retries.retry(p.businessId, p.campaignId);
  }
}
