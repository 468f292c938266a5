import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../../auth/business-auth.guard';
import { RequestUrl } from '../../common/request-url';
import { valid } from '../../common/validation';
import { EventLogService } from './event-log.service';
import {
  type EventParams,
  eventParams,
  type ListEventsQuery,
  listEventsQuery,
  type ReplayEventBody,
  type ReplayFailedBody,
  replayEventBody,
  replayFailedBody,
} from './inputs/event.input';
import { ReplayService } from './replay.service';

/** The webhook outbox of a WABA (a Switchboard extension): recent events, each one's delivery log, and replay. */
@Controller(':waba_id/webhook_events')
@UseGuards(BusinessAuthGuard)
export class EventsController {
  constructor(
    private readonly log: EventLogService,
    private readonly replays: ReplayService,
  ) {}

  @Get()
  list(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Query(valid(listEventsQuery)) q: ListEventsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.log.list(b.businessId, q, url);
  }

  @Post('replay')
  @HttpCode(200)
  replayFailed(@CurrentBusiness() b: AuthenticatedBusiness, @Body(valid(replayFailedBody)) body: ReplayFailedBody) {
    return this.replays.replayFailed(b.businessId, body);
  }

  @Get(':event_id/deliveries')
  deliveries(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(eventParams)) p: EventParams) {
    return this.log.deliveries(b.businessId, p.event_id);
  }

  @Post(':event_id/replay')
  @HttpCode(200)
  replayEvent(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(eventParams)) p: EventParams,
    @Body(valid(replayEventBody)) body: ReplayEventBody,
  ) {
    return this.replays.replayEvent(b.businessId, p.event_id, body.subscription_id);
  }
}
