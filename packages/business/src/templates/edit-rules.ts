import { ApiError } from '@switchboard/core/errors/api-error';
import type { MessageTemplate } from '@switchboard/db';
import type { EditTemplateBody } from './inputs/template-body.input';

const DAY_MS = 24 * 3600 * 1000;
const EDITABLE = ['APPROVED', 'REJECTED', 'PAUSED'];

/**
 * Meta's edit limits (templates/template-management, "Limitations"): only APPROVED, REJECTED and PAUSED templates can
 * be edited; an approved one keeps its category and may be edited once per 24 h and 10 times per 30 days. Returns
 * the approved-edit history to store (the last 30 days, this edit included).
 */
export function checkEditAllowed(t: MessageTemplate, body: EditTemplateBody, now: Date): Date[] {
  if (!EDITABLE.includes(t.status))
    throw ApiError.invalidParameter(
      `status: a ${t.status} template cannot be edited (only APPROVED, REJECTED or PAUSED)`,
    );
  const recent = t.approvedEdits.filter((d) => now.getTime() - d.getTime() < 30 * DAY_MS);
  if (t.status !== 'APPROVED') return recent;
  if (body.category !== undefined && body.category !== t.category)
    throw ApiError.invalidParameter('category: the category of an APPROVED template cannot be changed');
  if (recent.some((d) => now.getTime() - d.getTime() < DAY_MS))
    throw ApiError.invalidParameter('components: an APPROVED template can be edited once per 24 hours');
  if (recent.length >= 10)
    throw ApiError.invalidParameter('components: an APPROVED template can be edited 10 times per 30 days');
  return [...recent, now];
}
