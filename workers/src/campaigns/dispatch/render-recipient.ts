import { MissingVariableError, personalize } from '@switchboard/business/campaigns/personalize';
import { parseOrThrow } from '@switchboard/business/common/validation';
import type { MessageError } from '@switchboard/business/messages/log/message-log.service';
import { sendComponents } from '@switchboard/business/templates/inputs/send-components.input';
import { renderTemplate, type SendableTemplate } from '@switchboard/business/templates/send/render';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { ClaimedRecipient } from './campaign-ledger.repository';

/** The campaign columns the dispatcher needs. */
export interface CampaignRow {
  id: string;
  businessId: string;
  phoneNumberId: string;
  status: string;
  templateName: string;
  templateLanguage: string;
  components: unknown;
}

export type RenderOutcome = { payload: string } | { skip: string } | { error: MessageError };

/**
 * One recipient's message: the campaign's components with its variables filled in, rendered exactly as a single
 * send of the template would be (same validation, same Cloud API codes), logged in the same shape as the send
 * endpoint logs a template (`{ template, rendered }`) so the send pipeline cannot tell them apart.
 */
export function renderFor(campaign: CampaignRow, template: SendableTemplate, r: ClaimedRecipient): RenderOutcome {
  try {
    const components = personalize(campaign.components, r.variables);
    const rendered = renderTemplate(template, parseOrThrow(sendComponents, components, 'template.components'));
    const sent = { name: campaign.templateName, language: { code: campaign.templateLanguage }, components };
    return { payload: JSON.stringify({ template: sent, rendered }) };
  } catch (err) {
    if (err instanceof MissingVariableError) return { skip: 'missing_variable' };
    if (err instanceof ApiError) return { error: messageError(err) };
    throw err;
  }
}

function messageError(err: ApiError): MessageError {
  const title = err.message.replace(/^\(#\d+\)\s*/, '');
  return { code: err.code, title, message: title, error_data: { details: err.details ?? title } };
}
