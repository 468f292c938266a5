import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../auth/business-auth.guard';
import { RequestUrl } from '../common/request-url';
import { valid } from '../common/validation';
import { FlowAnalytics } from './analytics/flow-analytics.service';
import { FlowsService } from './flows.service';
import {
  type CreateFlowBody,
  createFlowBody,
  type FlowAnalyticsQuery,
  type FlowParams,
  flowAnalyticsQuery,
  flowParams,
  type ListFlowsQuery,
  listFlowsQuery,
  rollbackBody,
  type UpdateFlowBody,
  updateFlowBody,
} from './inputs/flow.input';

/** `/{waba_id}/flows…`: chatbot flows and their versions, a Switchboard extension (docs/flows.md). */
@Controller(':waba_id/flows')
@UseGuards(BusinessAuthGuard)
export class FlowsController {
  constructor(
    private readonly flows: FlowsService,
    private readonly analytics: FlowAnalytics,
  ) {}

  @Get()
  list(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Query(valid(listFlowsQuery)) q: ListFlowsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.flows.list(b.businessId, q, url);
  }

  @Post()
  @HttpCode(200)
  create(@CurrentBusiness() b: AuthenticatedBusiness, @Body(valid(createFlowBody)) body: CreateFlowBody) {
    return this.flows.create(b.businessId, body);
  }

  @Get(':flow_id')
  get(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(flowParams)) p: FlowParams) {
    return this.flows.get(b.businessId, p.flow_id);
  }

  @Post(':flow_id')
  @HttpCode(200)
  update(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(flowParams)) p: FlowParams,
    @Body(valid(updateFlowBody)) body: UpdateFlowBody,
  ) {
    return this.flows.update(b.businessId, p.flow_id, body);
  }

  @Delete(':flow_id')
  remove(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(flowParams)) p: FlowParams) {
    return this.flows.remove(b.businessId, p.flow_id);
  }

  @Post(':flow_id/validate')
  @HttpCode(200)
  validate(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(flowParams)) p: FlowParams) {
    return this.flows.validate(b.businessId, p.flow_id);
  }

  @Post(':flow_id/publish')
  @HttpCode(200)
  publish(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(flowParams)) p: FlowParams) {
    return this.flows.publish(b.businessId, p.flow_id);
  }

  @Get(':flow_id/versions')
  versions(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(flowParams)) p: FlowParams) {
    return this.flows.versions(b.businessId, p.flow_id);
  }

  @Post(':flow_id/rollback')
  @HttpCode(200)
  rollback(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(flowParams)) p: FlowParams,
    @Body(valid(rollbackBody)) body: { version: number },
  ) {
    return this.flows.rollback(b.businessId, p.flow_id, body.version);
  }

  @Get(':flow_id/analytics')
  analyticsOf(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(flowParams)) p: FlowParams,
    @Query(valid(flowAnalyticsQuery)) q: FlowAnalyticsQuery,
  ) {
    return this.analytics.of(b.businessId, p.flow_id, q);
  }
}
