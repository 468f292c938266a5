import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import { ApiError } from '@switchboard/core/errors/api-error';
import { z } from 'zod';
import { RequestUrl } from '../../common/request-url';
import {
  type CreateTemplateBody,
  createTemplateBody,
  type DeleteTemplatesQuery,
  deleteTemplatesQuery,
  type EditTemplateBody,
  editTemplateBody,
  type ListTemplatesQuery,
  listTemplatesQuery,
} from '../../templates/inputs/template-body.input';
import { TemplatesService } from '../../templates/templates.service';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleRoles, ConsoleSessionGuard } from '../session/console-session.guard';

const templateParams = z.object({
  businessId: z.string().min(1).max(64),
  templateId: z.string().regex(/^[0-9]{1,20}$/),
});
type TemplateParams = z.output<typeof templateParams>;

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

  @Get(':templateId')
  async read(@Param(valid(templateParams)) p: TemplateParams) {
    const t = await this.templates.read(p.businessId, p.templateId);
    if (!t) throw ApiError.notFound(`message template '${p.templateId}'`);
    return t;
  }

  /** As POST /{template_id}: Meta's edit limits apply (edit-rules.ts), and the template goes back to review. */
  @Post(':templateId')
  @HttpCode(200)
  @ConsoleRoles('owner', 'admin')
  async edit(@Param(valid(templateParams)) p: TemplateParams, @Body(valid(editTemplateBody)) body: EditTemplateBody) {
    const edited = await this.templates.edit(p.businessId, p.templateId, body);
    if (!edited) throw ApiError.notFound(`message template '${p.templateId}'`);
    return edited;
  }
}
