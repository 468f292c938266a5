import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import { type MessageTemplate, Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { WebhookEventsService } from '@switchboard/webhooks';
import { GraphIds } from '../common/ids';
import { pageArgs, toPage } from '../common/paging';
import { parseOrThrow } from '../common/validation';
import { checkEditAllowed } from './edit-rules';
import { sendComponents } from './inputs/send-components.input';
import type { TemplateComponent } from './inputs/template.input';
import type {
  CreateTemplateBody,
  DeleteTemplatesQuery,
  EditTemplateBody,
  ListTemplatesQuery,
} from './inputs/template-body.input';
import { structureProblems } from './inputs/template-structure';
import { renderTemplateObject } from './outputs/template.output';
import { statusUpdateValue } from './review/status-change';
import { TemplateReviewService } from './review/template-review.service';
import { renderTemplate } from './send/render';
import type { RenderedTemplate } from './send/rendered-template';
import { parameterFormatOf, withPresets } from './template-content';
import { TemplateErrors } from './template-errors';
import { bookTemplateCreation } from './template-limits';

/** Message templates of a business: the Graph endpoints, and resolveForSend for the send pipeline. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ids: GraphIds,
    private readonly review: TemplateReviewService,
    private readonly webhooks: WebhookEventsService,
  ) {}

  /**
   * Answers at once with PENDING, as Meta does; the review decides later (a job, or a person). Within Meta's limits:
   * 250 templates, 100 created per hour (template-limits.ts).
   */
  async create(businessId: string, body: CreateTemplateBody) {
    const components = withPresets(body.category, body.components as TemplateComponent[]);
    const data = {
      id: await this.ids.newGraphId(),
      businessId,
      name: body.name,
      language: body.language,
      category: body.category,
      parameterFormat: parameterFormatOf(body.parameter_format, components),
      components: components as unknown as Prisma.InputJsonValue,
    };
    const t = await this.prisma.client
      .$transaction(
        async (tx) => {
          await bookTemplateCreation(tx, businessId, new Date());
          return tx.messageTemplate.create({ data });
        },
        // Creates of one business queue on its row lock; a burst of them must not time out into 500s.
        { maxWait: 10_000, timeout: 20_000 },
      )
      .catch((err: unknown) => {
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
          throw ApiError.invalidParameter(`name: a template named ${body.name} already exists in ${body.language}`);
        throw err;
      });
    await this.review.submit(t);
    return { id: t.id, status: t.status, category: t.category };
  }

  async list(businessId: string, q: ListTemplatesQuery, url?: URL) {
    const args = pageArgs(q);
    const filters = { businessId, name: q.name, status: q.status, category: q.category, language: q.language };
    const rows = await this.prisma.client.messageTemplate.findMany({ ...args, where: { ...args.where, ...filters } });
    return toPage(rows, q, renderTemplateObject, url);
  }

  async read(businessId: string, id: string) {
    const t = await this.prisma.client.messageTemplate.findFirst({ where: { id, businessId } });
    return t ? renderTemplateObject(t) : undefined;
  }

  /**
   * POST /{template_id} (templates/template-management, "Edit templates"): the components are replaced, and the
   * template goes back to review.
   */
  async edit(businessId: string, id: string, body: EditTemplateBody) {
    const t = await this.prisma.client.messageTemplate.findFirst({ where: { id, businessId } });
    if (!t) return undefined;
    const now = new Date();
    const approvedEdits = checkEditAllowed(t, body, now);
    const category = body.category ?? t.category;
    const components = withPresets(category, (body.components ?? t.components) as TemplateComponent[]);
    const problem = structureProblems(category, components)[0];
    if (problem)
      throw ApiError.invalidParameter(`${problem.path.join('.').replace(/\.(\d+)/g, '[$1]')}: ${problem.message}`);
    const updated = await this.prisma.client.$transaction(async (tx) => {
      const { count } = await tx.messageTemplate.updateMany({
        where: { id, revision: t.revision },
        data: {
          category,
          components: components as unknown as Prisma.InputJsonValue,
          parameterFormat: parameterFormatOf(
            body.parameter_format ?? (body.components ? undefined : t.parameterFormat),
            components,
          ),
          status: 'PENDING',
          rejectedReason: 'NONE',
          rejectionInfo: Prisma.DbNull,
          revision: { increment: 1 },
          approvedEdits,
        },
      });
      if (!count) throw ApiError.invalidParameter('components: the template changed meanwhile; read it and edit again');
      const next = await tx.messageTemplate.findUniqueOrThrow({ where: { id } });
      await this.webhooks.emit(businessId, 'message_template_status_update', statusUpdateValue(next, 'PENDING'), {
        tx,
      });
      return next;
    });
    await this.review.submit(updated);
    return { success: true };
  }

  /** By name (every language), or one template by name and hsm_id. Disabled templates stay, as at Meta. */
  async remove(businessId: string, q: DeleteTemplatesQuery) {
    const where = { businessId, name: q.name, ...(q.hsm_id !== undefined && { id: q.hsm_id }) };
    const found = await this.prisma.client.messageTemplate.findMany({ where });
    if (!found.length) throw ApiError.notFound(`message template '${q.hsm_id ?? q.name}'`);
    if (found.some((t) => t.status === 'DISABLED'))
      throw ApiError.invalidParameter(`name: a DISABLED template cannot be deleted (${q.name})`);
    await this.prisma.client.$transaction(async (tx) => {
      await tx.messageTemplate.deleteMany({ where: { id: { in: found.map((t) => t.id) } } });
      for (const t of found)
        await this.webhooks.emit(businessId, 'message_template_status_update', statusUpdateValue(t, 'DELETED'), { tx });
    });
    return { success: true };
  }

  /**
   * For the send pipeline: the approved template `name` in `languageCode`, filled with the send's `components`
   * (validated here: a bad shape is a 100 naming `template.components…`). Throws 132001 when there is no such
   * approved template, 132015 / 132016 when it is paused / disabled, and 132000 / 132005 / 132012 when the parameters
   * do not fit it. The result is what the consumer is sent — store it, not the template id: templates can be deleted.
   */
  async resolveForSend(
    businessId: string,
    name: string,
    languageCode: string,
    components: unknown,
  ): Promise<RenderedTemplate> {
    const sent = parseOrThrow(sendComponents, components ?? [], 'template.components');
    const t = await this.prisma.client.messageTemplate.findUnique({
      where: { businessId_name_language: { businessId, name, language: languageCode } },
    });
    if (!t) throw TemplateErrors.notFound(name, languageCode);
    if (t.status === 'PAUSED') throw TemplateErrors.paused(name);
    if (t.status === 'DISABLED') throw TemplateErrors.disabled(name);
    if (t.status !== 'APPROVED') throw TemplateErrors.notFound(name, languageCode, `is ${t.status}, not approved,`);
    return renderTemplate(sendable(t), sent);
  }

  /**
   * A template as bulk senders need it: its status and what renderTemplate takes, read once for many recipients
   * (the campaign dispatcher renders each recipient's parameters itself). Undefined when it does not exist.
   */
  async findSendable(businessId: string, name: string, language: string) {
    const t = await this.prisma.client.messageTemplate.findUnique({
      where: { businessId_name_language: { businessId, name, language } },
    });
    return t ? { status: t.status, template: sendable(t) } : undefined;
  }
}

const sendable = (t: MessageTemplate) => ({
  id: t.id,
  name: t.name,
  language: t.language,
  category: t.category,
  parameterFormat: t.parameterFormat,
  components: t.components as unknown as TemplateComponent[],
});
