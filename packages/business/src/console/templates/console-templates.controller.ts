import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import { RequestUrl } from '../../common/request-url';
import {
  type CreateTemplateBody,
  createTemplateBody,
  type DeleteTemplatesQuery,
  deleteTemplatesQuery,
  type ListTemplatesQuery,
  listTemplatesQuery,
} from '../../templates/inputs/template-body.input';
import { TemplatesService } from '../../templates/templates.service';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleRoles, ConsoleSessionGuard } from '../session/console-session.guard';

/**
 * The Templates page: the business API's templates service behind a console session, so a template made here meets
 * the same rules, limits and review as one made through the Cloud API. Every member reads; owners and admins write.
 */
@Controller('console/v1/businesses/:businessId/message_templates')
@UseGuards(ConsoleSessionGuard)
export class ConsoleTemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  list(
    @Param(valid(businessParams)) p: BusinessParams,
    @Query(valid(listTemplatesQuery)) q: ListTemplatesQuery,
    @RequestUrl() url: URL,
  ) {
    return this.templates.list(p.businessId, q, url);
  }

  @Post()
  @HttpCode(200)
  @ConsoleRoles('owner', 'admin')
  create(@Param(valid(businessParams)) p: BusinessParams, @Body(valid(createTemplateBody)) body: CreateTemplateBody) {
    return this.templates.create(p.businessId, body);
  }

  @Delete()
  @ConsoleRoles('owner', 'admin')
  remove(@Param(valid(businessParams)) p: BusinessParams, @Query(valid(deleteTemplatesQuery)) q: DeleteTemplatesQuery) {
    return this.templates.remove(p.businessId, q);
  }
}
