import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../auth/business-auth.guard';
import { RequestUrl } from '../common/request-url';
import { valid } from '../common/validation';
import { CampaignsService } from './campaigns.service';
import {
  type CampaignParams,
  CREATE_BODY_LIMIT,
  type CreateCampaignBody,
  campaignParams,
  createCampaignBody,
  type ListCampaignsQuery,
  listCampaignsQuery,
} from './inputs/campaign.input';
import { CampaignLifecycle } from './lifecycle/campaign-lifecycle.service';
import { CampaignRecipients } from './recipients/campaign-recipients.service';
import { type ListRecipientsQuery, listRecipientsQuery } from './recipients/recipients.input';
import { CampaignRetry } from './retry/campaign-retry.service';

/** `/{waba_id}/campaigns…`: a Switchboard extension (docs/campaigns.md). */
@Controller(':waba_id/campaigns')
@UseGuards(BusinessAuthGuard)
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly lifecycle: CampaignLifecycle,
    private readonly retries: CampaignRetry,
    private readonly recipients: CampaignRecipients,
  ) {}

  @Get()
  list(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Query(valid(listCampaignsQuery)) q: ListCampaignsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.campaigns.list(b.businessId, q, url);
  }

  /** The body may carry a 5 MB CSV: this route's body limit is raised (bootstrap reads `config.bodyLimit`). */
  @Post()
  @HttpCode(200)
  @RouteConfig({ bodyLimit: CREATE_BODY_LIMIT })
  async create(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Body(valid(createCampaignBody)) body: CreateCampaignBody,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const created = await this.campaigns.create(b.businessId, body, idempotencyKey);
    if (created.replayed) void reply.header('idempotent-replayed', 'true');
    return created.body;
  }

  @Get(':campaign_id')
  get(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(campaignParams)) p: CampaignParams) {
    return this.campaigns.get(b.businessId, p.campaign_id);
  }

  @Get(':campaign_id/recipients')
  listRecipients(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(campaignParams)) p: CampaignParams,
    @Query(valid(listRecipientsQuery)) q: ListRecipientsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.recipients.list(b.businessId, p.campaign_id, q, url);
  }

  @Post(':campaign_id/pause')
  @HttpCode(200)
  pause(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(campaignParams)) p: CampaignParams) {
    return this.lifecycle.pause(b.businessId, p.campaign_id);
  }

  @Post(':campaign_id/resume')
  @HttpCode(200)
  resume(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(campaignParams)) p: CampaignParams) {
    return this.lifecycle.resume(b.businessId, p.campaign_id);
  }

  @Post(':campaign_id/cancel')
  @HttpCode(200)
  cancel(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(campaignParams)) p: CampaignParams) {
    return this.lifecycle.cancel(b.businessId, p.campaign_id);
  }

  /** A new campaign of this one's retryable failures (the transient codes of messages/transient-codes.ts). */
  @Post(':campaign_id/retry')
  @HttpCode(200)
  retry(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(campaignParams)) p: CampaignParams) {
    return this.retries.retry(b.businessId, p.campaign_id);
  }
}
