import type { TemplateComponent } from './inputs/template.input';
import { scanVariables } from './rules/variables';

/**
 * AUTHENTICATION templates carry no text of their own: Meta fills in a preset body ("{{1}} is your verification
 * code."), an optional security line and an expiry footer. Filling them in at creation lets review and sending treat
 * every template alike.
 */
export function withPresets(category: string, components: TemplateComponent[]): TemplateComponent[] {
  if (category !== 'AUTHENTICATION') return components;
  return components.map((c) => {
    if (c.type === 'BODY' && c.text === undefined) {
      const security = c.add_security_recommendation ? ' For your security, do not share this code.' : '';
      return { ...c, text: `*{{1}}* is your verification code.${security}`, example: { body_text: [['123456']] } };
    }
    if (c.type === 'FOOTER' && c.text === undefined && c.code_expiration_minutes !== undefined)
      return { ...c, text: `This code expires in ${c.code_expiration_minutes} minutes.` };
    if (c.type === 'BUTTONS')
      return { ...c, buttons: c.buttons.map((b) => (b.type === 'OTP' ? { ...b, text: b.text ?? 'Copy code' } : b)) };
    return c;
  });
}

/** Meta defaults to POSITIONAL; a template written with {{names}} and no parameter_format means NAMED. */
export function parameterFormatOf(declared: 'POSITIONAL' | 'NAMED' | undefined, components: TemplateComponent[]) {
  if (declared) return declared;
  const texts = components.flatMap((c) => ('text' in c && typeof c.text === 'string' ? [c.text] : []));
  const named = texts.some((t) => scanVariables(t).variables.some((v) => !v.positional));
  return named ? ('NAMED' as const) : ('POSITIONAL' as const);
}
