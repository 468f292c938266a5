import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import { FlowRunsService } from '../../flows/runs/flow-runs.service';
import { ConsoleRoles, ConsoleSessionGuard } from '../session/console-session.guard';
import { type ConsoleRunParams, consoleRunParams } from './inputs/console-flow.input';

/** One run in the builder's Test run panel: read with the path it took, stopped. */
@Controller('console/v1/businesses/:businessId/flow_runs')
@UseGuards(ConsoleSessionGuard)
export class ConsoleFlowRunsController {
  constructor(private readonly runs: FlowRunsService) {}

  @Get(':runId')
  get(@Param(valid(consoleRunParams)) p: ConsoleRunParams) {
    return this.runs.get(p.businessId, p.runId);
  }

  @Post(':runId/stop')
  @HttpCode(200)
  @ConsoleRoles('owner', 'admin')
  stop(@Param(valid(consoleRunParams)) p: ConsoleRunParams) {
    return this.runs.stop(p.businessId, p.runId);
  }
}
