import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import { RequestUrl } from '../../common/request-url';
import { FlowAnalytics } from '../../flows/analytics/flow-analytics.service';
import { FlowsService } from '../../flows/flows.service';
import {
  type CreateFlowBody,
  createFlowBody,
  type FlowAnalyticsQuery,
  flowAnalyticsQuery,
  type ListFlowsQuery,
  type ListRunsQuery,
  listFlowsQuery,
  listRunsQuery,
  rollbackBody,
  type StartRunBody,
  startRunBody,
  type UpdateFlowBody,
  updateFlowBody,
} from '../../flows/inputs/flow.input';
import { FlowRunsService } from '../../flows/runs/flow-runs.service';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleRoles, ConsoleSessionGuard } from '../session/console-session.guard';
import { type ConsoleFlowParams, consoleFlowParams } from './inputs/console-flow.input';

/**
 * The Flows pages (list, builder, analytics): the business API's flow services behind a console session, so a flow
 * built here meets the same validation, versions and runtime as one made through the API. Everyone reads; owners
 * and admins edit, publish and roll back.
 */
@Controller('console/v1/businesses/:businessId/flows')
@UseGuards(ConsoleSessionGuard)
export class ConsoleFlowsController {
  constructor(
    private readonly flows: FlowsService,
    private readonly runs: FlowRunsService,
    private readonly analytics: FlowAnalytics,
  ) {}

  @Get()
  list(
    @Param(valid(businessParams)) p: BusinessParams,
    @Query(valid(listFlowsQuery)) q: ListFlowsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.flows.listWithRuns(p.businessId, q, url);
  }

  @Post()
  @HttpCode(200)
  @ConsoleRoles('owner', 'admin')
  create(@Param(valid(businessParams)) p: BusinessParams, @Body(valid(createFlowBody)) body: CreateFlowBody) {
    return this.flows.create(p.businessId, body);
  }

  @Get(':flowId')
  get(@Param(valid(consoleFlowParams)) p: ConsoleFlowParams) {
    return this.flows.get(p.businessId, p.flowId);
  }

  @Post(':flowId')
  @HttpCode(200)
  @ConsoleRoles('owner', 'admin')
  update(@Param(valid(consoleFlowParams)) p: ConsoleFlowParams, @Body(valid(updateFlowBody)) body: UpdateFlowBody) {
    return this.flows.update(p.businessId, p.flowId, body);
  }

  @Delete(':flowId')
  @ConsoleRoles('owner', 'admin')
  remove(@Param(valid(consoleFlowParams)) p: ConsoleFlowParams) {
    return this.flows.remove(p.businessId, p.flowId);
  }

  /** Changes nothing: any member may ask what is wrong with the draft. */
  @Post(':flowId/validate')
  @HttpCode(200)
  validate(@Param(valid(consoleFlowParams)) p: ConsoleFlowParams) {
    return this.flows.validate(p.businessId, p.flowId);
  }

  @Post(':flowId/publish')
  @HttpCode(200)
  @ConsoleRoles('owner', 'admin')
  publish(@Param(valid(consoleFlowParams)) p: ConsoleFlowParams) {
    return this.flows.publish(p.businessId, p.flowId);
  }

  @Get(':flowId/versions')
  versions(@Param(valid(consoleFlowParams)) p: ConsoleFlowParams) {
    return this.flows.versions(p.businessId, p.flowId);
  }

  @Post(':flowId/rollback')
  @HttpCode(200)
  @ConsoleRoles('owner', 'admin')
  rollback(
    @Param(valid(consoleFlowParams)) p: ConsoleFlowParams,
    @Body(valid(rollbackBody)) body: { version: number },
  ) {
    return this.flows.rollback(p.businessId, p.flowId, body.version);
  }

  @Get(':flowId/runs')
  listRuns(
    @Param(valid(consoleFlowParams)) p: ConsoleFlowParams,
    @Query(valid(listRunsQuery)) q: ListRunsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.runs.list(p.businessId, p.flowId, q, url);
  }

  /** A run for a contact: the live version, another version, or a test run of the draft (the builder's Test run). */
  @Post(':flowId/runs')
  @HttpCode(200)
  @ConsoleRoles('owner', 'admin')
  startRun(@Param(valid(consoleFlowParams)) p: ConsoleFlowParams, @Body(valid(startRunBody)) body: StartRunBody) {
    return this.runs.start(p.businessId, p.flowId, body);
  }

  @Get(':flowId/analytics')
  analyticsOf(
    @Param(valid(consoleFlowParams)) p: ConsoleFlowParams,
    @Query(valid(flowAnalyticsQuery)) q: FlowAnalyticsQuery,
  ) {
    return this.analytics.of(p.businessId, p.flowId, q);
  }
}
