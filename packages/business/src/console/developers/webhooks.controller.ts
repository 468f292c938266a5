import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import { RequestUrl } from '../../common/request-url';
import { EventLogService } from '../../webhooks/events/event-log.service';
import {
  type ListEventsQuery,
  listEventsQuery,
  type ReplayEventBody,
  type ReplayFailedBody,
  replayEventBody,
  replayFailedBody,
} from '../../webhooks/events/inputs/event.input';
import { ReplayService } from '../../webhooks/events/replay.service';
import {
  type CreateSubscriptionBody,
  createSubscriptionBody,
  listSubscriptionsQuery,
} from '../../webhooks/subscriptions/inputs/subscription.input';
import { SubscriptionsService } from '../../webhooks/subscriptions/subscriptions.service';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleRoles, ConsoleSessionGuard } from '../session/console-session.guard';
import { type ConsoleEventParams, consoleEventParams } from './inputs/webhooks.input';

/**
 * The Developers page's webhooks: subscriptions (created through the same handshake), the event log with the sent
 * payloads, each event's deliveries and replay — the business API's services behind a console session. Payloads
 * carry customers' messages and subscriptions decide where they go, so only owners and admins see or change them.
 */
@Controller('console/v1/businesses/:businessId')
@UseGuards(ConsoleSessionGuard)
export class ConsoleWebhooksController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly log: EventLogService,
    private readonly replays: ReplayService,
  ) {}

  @Get('webhook_subscriptions')
  @ConsoleRoles('owner', 'admin')
  listSubscriptions(
    @Param(valid(businessParams)) p: BusinessParams,
    @Query(valid(listSubscriptionsQuery)) q: typeof listSubscriptionsQuery._output,
    @RequestUrl() url: URL,
  ) {
    return this.subscriptions.list(p.businessId, q, url);
  }

  @Post('webhook_subscriptions')
  @HttpCode(200)
  @ConsoleRoles('owner', 'admin')
  subscribe(
    @Param(valid(businessParams)) p: BusinessParams,
    @Body(valid(createSubscriptionBody)) body: CreateSubscriptionBody,
  ) {
    return this.subscriptions.create(p.businessId, body);
  }

  @Get('webhook_events')
  @ConsoleRoles('owner', 'admin')
  events(
    @Param(valid(businessParams)) p: BusinessParams,
    @Query(valid(listEventsQuery)) q: ListEventsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.log.list(p.businessId, q, url);
  }

  @Post('webhook_events/replay')
  @HttpCode(200)
  @ConsoleRoles('owner', 'admin')
  replayFailed(@Param(valid(businessParams)) p: BusinessParams, @Body(valid(replayFailedBody)) body: ReplayFailedBody) {
    return this.replays.replayFailed(p.businessId, body);
  }

  @Get('webhook_events/:event_id/deliveries')
  @ConsoleRoles('owner', 'admin')
  deliveries(@Param(valid(consoleEventParams)) p: ConsoleEventParams) {
    return this.log.deliveries(p.businessId, p.event_id);
  }

  @Post('webhook_events/:event_id/replay')
  @HttpCode(200)
  @ConsoleRoles('owner', 'admin')
  replayEvent(
    @Param(valid(consoleEventParams)) p: ConsoleEventParams,
    @Body(valid(replayEventBody)) body: ReplayEventBody,
  ) {
    return this.replays.replayEvent(p.businessId, p.event_id, body.subscription_id);
  }
}
