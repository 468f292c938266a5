import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { valid } from '@switchboard/core/common/zod.pipe';
import type { FastifyReply } from 'fastify';
import { CampaignsService } from '../../campaigns/campaigns.service';
import {
  CREATE_BODY_LIMIT,
  type CreateCampaignBody,
  createCampaignBody,
  type ListCampaignsQuery,
  listCampaignsQuery,
} from '../../campaigns/inputs/campaign.input';
import { CampaignLifecycle } from '../../campaigns/lifecycle/campaign-lifecycle.service';
import { CampaignRecipients } from '../../campaigns/recipients/campaign-recipients.service';
import { type ListRecipientsQuery, listRecipientsQuery } from '../../campaigns/recipients/recipients.input';
import { CampaignRetry } from '../../campaigns/retry/campaign-retry.service';
import { RequestUrl } from '../../common/request-url';
import { SendMessageService } from '../../messages/send/send-message.service';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleRoles, ConsoleSessionGuard } from '../session/console-session.guard';
import { CampaignCheck } from './campaign-check.service';
import {
  type ConsoleCampaignParams,
  type ConsoleRecipientsQuery,
  consoleCampaignParams,
  consoleRecipientsQuery,
  type TestSendBody,
  testSendBody,
} from './inputs/console-campaign.input';

/**
 * The campaigns pages: the business API's own campaign services behind a console session. Everyone reads; sending
 * decisions (check and create, a test send, pause, resume, cancel, retry) are for owners and admins.
 */
@Controller('console/v1/businesses/:businessId/campaigns')
@UseGuards(ConsoleSessionGuard)
export class ConsoleCampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly lifecycle: CampaignLifecycle,
    private readonly retries: CampaignRetry,
    private readonly recipients: CampaignRecipients,
    private readonly checks: CampaignCheck,
    private readonly messages: SendMessageService,
  ) {}

  /** The wizard's launch: a create as POST /{waba_id}/campaigns, Idempotency-Key included (a double click makes one). */
  @Post()
  @ConsoleRoles('owner', 'admin')
  @HttpCode(200)
  @RouteConfig({ bodyLimit: CREATE_BODY_LIMIT })
  async create(
    @Param(valid(businessParams)) p: BusinessParams,
    @Body(valid(createCampaignBody)) body: CreateCampaignBody,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const created = await this.campaigns.create(p.businessId, body, idempotencyKey);
    if (created.replayed) void reply.header('idempotent-replayed', 'true');
    return created.body;
  }

  /** The wizard's review: what the create would answer (nothing is kept) and how long it would take. */
  @Post('check')
  @ConsoleRoles('owner', 'admin')
  @HttpCode(200)
  @RouteConfig({ bodyLimit: CREATE_BODY_LIMIT })
  check(@Param(valid(businessParams)) p: BusinessParams, @Body(valid(createCampaignBody)) body: CreateCampaignBody) {
    return this.checks.check(p.businessId, body);
  }

  /**
   * The wizard's "send a test to one number": one template message through the business API's own send path (the
   * same checks, message log, webhooks and delivery as POST /{phone_number_id}/messages); no campaign is made.
   */
  @Post('test-send')
  @ConsoleRoles('owner', 'admin')
  @HttpCode(200)
  async testSend(@Param(valid(businessParams)) p: BusinessParams, @Body(valid(testSendBody)) body: TestSendBody) {
    const message = { messaging_product: 'whatsapp', to: body.to, type: 'template', template: body.template };
    return (await this.messages.send(p.businessId, body.phone_number_id, message)).body;
  }

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
    @Query(valid(consoleRecipientsQuery)) q: ConsoleRecipientsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.recipients.list(p.businessId, p.campaignId, q, url);
  }

  /** The recipients the table's filters keep, as a CSV download (streamed: a million rows never sit in memory). */
  @Get(':campaignId/recipients.csv')
  async exportRecipients(
    @Param(valid(consoleCampaignParams)) p: ConsoleCampaignParams,
    @Query(valid(listRecipientsQuery)) q: ListRecipientsQuery,
  ) {
    const csv = await this.recipients.exportCsv(p.businessId, p.campaignId, q);
    return new StreamableFile(csv, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="campaign-${p.campaignId}-recipients.csv"`,
    });
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
