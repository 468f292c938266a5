import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../auth/business-auth.guard';
import { pageQuery } from '../common/paging';
import { RequestUrl } from '../common/request-url';
import { valid } from '../common/validation';
import { AgentsService } from './agents/agents.service';
import { CannedService } from './canned/canned.service';
import {
  type AgentBody,
  agentBody,
  agentParams,
  type CannedBody,
  cannedBody,
  cannedParams,
} from './inputs/canned.input';

const listQuery = z.object(pageQuery);
type B = AuthenticatedBusiness;

/** `/{waba_id}/canned_responses…` and `/{waba_id}/inbox_agents/{user_id}`: what the inbox is set up with. */
@Controller(':waba_id')
@UseGuards(BusinessAuthGuard)
export class InboxSettingsController {
  constructor(
    private readonly canned: CannedService,
    private readonly agents: AgentsService,
  ) {}

  @Get('canned_responses')
  listCanned(@CurrentBusiness() b: B, @Query(valid(listQuery)) q: z.output<typeof listQuery>, @RequestUrl() url: URL) {
    return this.canned.list(b.businessId, q, url);
  }

  @Post('canned_responses')
  @HttpCode(200)
  createCanned(@CurrentBusiness() b: B, @Body(valid(cannedBody)) body: CannedBody) {
    return this.canned.create(b.businessId, body);
  }

  @Delete('canned_responses/:canned_response_id')
  deleteCanned(@CurrentBusiness() b: B, @Param(valid(cannedParams)) p: z.output<typeof cannedParams>) {
    return this.canned.delete(b.businessId, p.canned_response_id);
  }

  @Post('inbox_agents/:user_id')
  @HttpCode(200)
  setAgent(
    @CurrentBusiness() b: B,
    @Param(valid(agentParams)) p: z.output<typeof agentParams>,
    @Body(valid(agentBody)) body: AgentBody,
  ) {
    return this.agents.set(b.businessId, p.user_id, body);
  }
}
