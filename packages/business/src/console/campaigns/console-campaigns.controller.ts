import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import { CampaignsService } from '../../campaigns/campaigns.service';
import { type ListCampaignsQuery, listCampaignsQuery } from '../../campaigns/inputs/campaign.input';
import { RequestUrl } from '../../common/request-url';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleSessionGuard } from '../session/console-session.guard';

/** The campaigns page's list, with live progress: the business API's own list, behind a console session. */
@Controller('console/v1/businesses/:businessId/campaigns')
@UseGuards(ConsoleSessionGuard)
export class ConsoleCampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  list(
    @Param(valid(businessParams)) p: BusinessParams,
    @Query(valid(listCampaignsQuery)) q: ListCampaignsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.campaigns.list(p.businessId, q, url);
  }
}
