import type { SendComponent, SendParameter } from '../inputs/send-components.input';
import type { TemplateButton } from '../inputs/template.input';
import { LIMITS } from '../rules/review-rules';
import { fillVariables, scanVariables } from '../rules/variables';
import { TemplateErrors } from '../template-errors';
import type { RenderedButton } from './rendered-template';

const SUB_TYPE: Record<TemplateButton['type'], string> = {
  QUICK_REPLY: 'quick_reply',
  URL: 'url',
  PHONE_NUMBER: 'phone_number',
  COPY_CODE: 'copy_code',
  OTP: 'url', // Meta sends the one-time password of an OTP button as a url button parameter
};

/**
 * A send's `button` components address the template's buttons by `index`; those with a variable (a dynamic URL, a
 * copy code, a one-time password) need exactly one parameter, quick replies may carry a payload.
 */
export function renderButtons(buttons: TemplateButton[], sent: SendComponent[]): RenderedButton[] {
  for (const c of sent) {
    const i = c.index;
    if (i === undefined) throw TemplateErrors.formatMismatch('button: index is required');
    if (!buttons[i])
      throw TemplateErrors.countMismatch(`button index ${i}: the template has ${buttons.length} buttons`);
    if (sent.filter((o) => o.index === i).length > 1)
      throw TemplateErrors.countMismatch(`button index ${i}: given twice`);
    if (c.sub_type !== undefined && c.sub_type !== SUB_TYPE[buttons[i]!.type])
      throw TemplateErrors.formatMismatch(
        `button index ${i}: sub_type ${c.sub_type}, the template's button is ${buttons[i]!.type}`,
      );
  }
  return buttons.map((b, index) => renderButton(b, index, sent.find((c) => c.index === index)?.parameters ?? []));
}

function renderButton(b: TemplateButton, index: number, params: SendParameter[]): RenderedButton {
  const one = (type: SendParameter['type'], required: boolean) => {
    if (params.length > 1 || (required && params.length === 0))
      throw TemplateErrors.countMismatch(
        `button index ${index}: expected ${required ? '1' : 'at most 1'} parameter, got ${params.length}`,
      );
    const p = params[0];
    if (p && p.type !== type)
      throw TemplateErrors.formatMismatch(`button index ${index}: expected a ${type} parameter, got ${p.type}`);
    return p;
  };
  switch (b.type) {
    case 'QUICK_REPLY': {
      const p = one('payload', false);
      return { type: 'quick_reply', index, text: b.text, payload: p?.type === 'payload' ? p.payload : b.text };
    }
    case 'URL': {
      const dynamic = scanVariables(b.url).variables.length > 0;
      const p = dynamic ? one('text', true) : one('text', false);
      if (!dynamic && p) throw TemplateErrors.countMismatch(`button index ${index}: the URL has no variable`);
      const url = dynamic && p?.type === 'text' ? fillVariables(b.url, () => encodeURI(p.text)) : b.url;
      if (url.length > LIMITS.url) throw TemplateErrors.tooLong(`button index ${index}: URL longer than ${LIMITS.url}`);
      return { type: 'url', index, text: b.text, url };
    }
    case 'PHONE_NUMBER':
      one('text', false);
      if (params.length)
        throw TemplateErrors.countMismatch(`button index ${index}: a phone number button takes no parameters`);
      return { type: 'phone_number', index, text: b.text, phoneNumber: b.phone_number };
    case 'COPY_CODE': {
      const p = one('coupon_code', true);
      return { type: 'copy_code', index, code: p?.type === 'coupon_code' ? p.coupon_code : '' };
    }
    case 'OTP': {
      const p = one('text', true);
      return { type: 'otp', index, text: b.text ?? 'Copy code', code: p?.type === 'text' ? p.text : '' };
    }
  }
}
