import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../auth/business-auth.guard';
import { GRAPH_ID } from '../common/ids';
import { RequestUrl } from '../common/request-url';
import { valid } from '../common/validation';
import {
  type CreateTemplateBody,
  createTemplateBody,
  type DeleteTemplatesQuery,
  deleteTemplatesQuery,
  type ListTemplatesQuery,
  listTemplatesQuery,
  type ReviewBody,
  reviewBody,
} from './inputs/template-body.input';
import { TemplateReviewService } from './review/template-review.service';
import { TemplatesService } from './templates.service';

const templateParams = z.object({ template_id: z.string().regex(GRAPH_ID, 'expected a template id') });

/**
 * `/{waba_id}/message_templates` (Graph), and `POST /{template_id}/review` (a Switchboard extension: the reviewer's
 * decision). Reading and editing one template (`GET|POST /{template_id}`) go through TemplateGraphObjects.
 */
@Controller()
@UseGuards(BusinessAuthGuard)
export class TemplatesController {
  constructor(
    private readonly templates: TemplatesService,
    private readonly review: TemplateReviewService,
  ) {}

  @Get(':waba_id/message_templates')
  list(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Query(valid(listTemplatesQuery)) q: ListTemplatesQuery,
    @RequestUrl() url: URL,
  ) {
    return this.templates.list(b.businessId, q, url);
  }

  @Post(':waba_id/message_templates')
  @HttpCode(200)
  create(@CurrentBusiness() b: AuthenticatedBusiness, @Body(valid(createTemplateBody)) body: CreateTemplateBody) {
    return this.templates.create(b.businessId, body);
  }

  @Delete(':waba_id/message_templates')
  remove(@CurrentBusiness() b: AuthenticatedBusiness, @Query(valid(deleteTemplatesQuery)) q: DeleteTemplatesQuery) {
    return this.templates.remove(b.businessId, q);
  }

  @Post(':template_id/review')
  @HttpCode(200)
  decide(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(templateParams)) p: z.output<typeof templateParams>,
    @Body(valid(reviewBody)) body: ReviewBody,
  ) {
    return this.review.decide(b.businessId, p.template_id, body);
  }
}
