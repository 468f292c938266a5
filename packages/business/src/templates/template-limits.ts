import { ApiError } from '@switchboard/core/errors/api-error';
import type { Prisma } from '@switchboard/db';
import { countTemplates, lockCreations, saveCreations } from './template-creations.repository';

/** Meta's template limits (templates/overview, "Template limits" and "Creation"). */
export const TEMPLATE_LIMITS = {
  /** Templates a WABA may have (an unverified portfolio's figure); each language of a name is a template. */
  perBusiness: 250,
  /** Templates a WABA may create per rolling hour; deleting one does not give its creation back. */
  perHour: 100,
} as const;

const HOUR_MS = 3_600_000;

export const TemplateLimitErrors = {
  tooMany: () =>
    new ApiError(
      400,
      2388019,
      '(#2388019) Message Template Limit Exceeded',
      `You have exceeded the maximum number of message templates you can have for this WhatsApp business account: ${TEMPLATE_LIMITS.perBusiness} (each language counts as a template); delete templates you no longer use.`,
    ),
  tooFast: (freesAt: Date) =>
    new ApiError(
      400,
      80008,
      '(#80008) There have been too many calls to this WhatsApp Business account. Wait a bit and try again.',
      `At most ${TEMPLATE_LIMITS.perHour} message templates can be created per hour in a WhatsApp Business Account; the next can be created at ${freesAt.toISOString()} (in ${Math.ceil((freesAt.getTime() - Date.now()) / 1000)} s).`,
    ),
} as const;

/**
 * Books one template creation for the business inside `tx`, or throws 2388019 (250 templates) / 80008 (100 created
 * in the last hour). Race-free across API nodes: the business row is locked first (FOR NO KEY UPDATE, so inserts
 * that reference the business are not blocked), and the templates are counted by a later statement, whose snapshot
 * includes whatever the previous holder of the lock committed. The caller inserts the template in the same `tx`:
 * a create that fails afterwards (a duplicate name) rolls its booking back.
 */
export async function bookTemplateCreation(tx: Prisma.TransactionClient, businessId: string, now: Date): Promise<void> {
  const creations = await lockCreations(tx, businessId);
  if (!creations) throw ApiError.notFound(`object '${businessId}'`);
  if ((await countTemplates(tx, businessId)) >= TEMPLATE_LIMITS.perBusiness) throw TemplateLimitErrors.tooMany();
  const recent = creations.filter((at) => at.getTime() > now.getTime() - HOUR_MS).sort((a, b) => +a - +b);
  if (recent.length >= TEMPLATE_LIMITS.perHour) {
    throw TemplateLimitErrors.tooFast(new Date(recent[recent.length - TEMPLATE_LIMITS.perHour]!.getTime() + HOUR_MS));
  }
  await saveCreations(tx, businessId, [...recent, now]);
}
