import { z } from 'zod';
import { pageQuery } from '../../common/paging';
import {
  CATEGORIES,
  components,
  PARAMETER_FORMATS,
  type TemplateComponent,
  templateLanguage,
  templateName,
} from './template.input';
import { structureProblems } from './template-structure';

const upperEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(values));

const STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'PAUSED', 'DISABLED'] as const;

/** POST /{waba_id}/message_templates. */
export const createTemplateBody = z
  .object({
    name: templateName,
    language: templateLanguage,
    category: upperEnum(CATEGORIES),
    parameter_format: upperEnum(PARAMETER_FORMATS).optional(),
    /** Accepted for compatibility: Switchboard never recategorises a template on its own. */
    allow_category_change: z.boolean().optional(),
    components,
  })
  .superRefine((b, ctx) => {
    for (const p of structureProblems(b.category, b.components as TemplateComponent[]))
      ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });
export type CreateTemplateBody = z.output<typeof createTemplateBody>;

/** POST /{template_id}: category and/or components (the components replace the old ones entirely). */
export const editTemplateBody = z
  .object({
    category: upperEnum(CATEGORIES).optional(),
    parameter_format: upperEnum(PARAMETER_FORMATS).optional(),
    components: components.optional(),
  })
  .refine((b) => b.category !== undefined || b.components !== undefined, {
    path: ['components'],
    message: 'give category or components to change',
  });
export type EditTemplateBody = z.output<typeof editTemplateBody>;

/** GET /{waba_id}/message_templates: Graph's filters (any case), paging and the ignored `fields`. */
export const listTemplatesQuery = z.object({
  ...pageQuery,
  fields: z.string().max(1000).optional(),
  name: z.string().max(512).optional(),
  status: upperEnum(STATUSES).optional(),
  category: upperEnum(CATEGORIES).optional(),
  language: templateLanguage.optional(),
});
export type ListTemplatesQuery = z.output<typeof listTemplatesQuery>;

/** DELETE /{waba_id}/message_templates?name=…[&hsm_id=…]. */
export const deleteTemplatesQuery = z.object({
  name: templateName,
  hsm_id: z
    .string()
    .regex(/^[0-9]{1,20}$/, 'expected a template id')
    .optional(),
});
export type DeleteTemplatesQuery = z.output<typeof deleteTemplatesQuery>;

/** POST /{template_id}/review: the reviewer's decision (a Switchboard extension). */
export const reviewBody = z
  .object({
    decision: upperEnum(['APPROVED', 'REJECTED', 'PAUSED', 'DISABLED'] as const),
    /** Meta's rejected_reason; required for REJECTED. */
    reason: upperEnum([
      'ABUSIVE_CONTENT',
      'INCORRECT_CATEGORY',
      'INVALID_FORMAT',
      'PROMOTIONAL',
      'SCAM',
      'TAG_CONTENT_MISMATCH',
    ] as const).optional(),
    /** For people: shown as rejection_info.reason (REJECTED) or other_info.description (PAUSED, DISABLED). */
    details: z.string().trim().min(1).max(1000).optional(),
  })
  .refine((b) => b.decision !== 'REJECTED' || b.reason !== undefined, {
    path: ['reason'],
    message: 'required when the decision is REJECTED',
  });
export type ReviewBody = z.output<typeof reviewBody>;
