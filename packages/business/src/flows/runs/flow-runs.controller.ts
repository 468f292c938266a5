import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../../auth/business-auth.guard';
import { RequestUrl } from '../../common/request-url';
import { valid } from '../../common/validation';
import {
  type FlowParams,
  flowParams,
  type ListRunsQuery,
  listRunsQuery,
  type RunParams,
  runParams,
  type StartRunBody,
  startRunBody,
} from '../inputs/flow.input';
import { FlowRunsService } from './flow-runs.service';

/** `/{waba_id}/flows/{flow_id}/runs` and `/{waba_id}/flow_runs/{run_id}…`: runs listed, read, started, stopped. */
@Controller(':waba_id')
@UseGuards(BusinessAuthGuard)
export class FlowRunsController {
  constructor(private readonly runs: FlowRunsService) {}

  @Get('flows/:flow_id/runs')
  list(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(flowParams)) p: FlowParams,
    @Query(valid(listRunsQuery)) q: ListRunsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.runs.list(b.businessId, p.flow_id, q, url);
  }

  @Post('flows/:flow_id/runs')
  @HttpCode(200)
  start(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(flowParams)) p: FlowParams,
    @Body(valid(startRunBody)) body: StartRunBody,
  ) {
    return this.runs.start(b.businessId, p.flow_id, body);
  }

  @Get('flow_runs/:run_id')
  get(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(runParams)) p: RunParams) {
    return this.runs.get(b.businessId, p.run_id);
  }

  @Post('flow_runs/:run_id/stop')
  @HttpCode(200)
  stop(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(runParams)) p: RunParams) {
    return this.runs.stop(b.businessId, p.run_id);
  }
}
