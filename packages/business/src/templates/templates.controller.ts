import { Body, Controller, Delete, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../auth/business-auth.guard';
import { RequestUrl } from '../common/request-url';
import { valid } from '../common/validation';
import {
  type CreateTemplateBody,
  createTemplateBody,
  type DeleteTemplatesQuery,
  deleteTemplatesQuery,
  type ListTemplatesQuery,
  listTemplatesQuery,
} from './inputs/template-body.input';
import { TemplatesService } from './templates.service';

/**
 * `/{waba_id}/message_templates` (Graph). Reading and editing one template (`GET|POST /{template_id}`) go through
 * TemplateGraphObjects; the reviewer's decision is TemplateReviewController's.
 */
@Controller()
@UseGuards(BusinessAuthGuard)
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

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
}
