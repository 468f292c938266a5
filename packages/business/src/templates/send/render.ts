import type { SendComponent, SendParameter } from '../inputs/send-components.input';
import type { TemplateComponent } from '../inputs/template.input';
import { LIMITS } from '../rules/review-rules';
import { fillVariables, scanVariables, type Variable } from '../rules/variables';
import { TemplateErrors } from '../template-errors';
import { renderButtons } from './render-buttons';
import type { RenderedHeader, RenderedTemplate } from './rendered-template';

export interface SendableTemplate {
  id: string;
  name: string;
  language: string;
  category: RenderedTemplate['category'];
  parameterFormat: 'POSITIONAL' | 'NAMED';
  components: TemplateComponent[];
}

/**
 * Fills an approved template with a send's parameters, or throws the Cloud API's code: 132000 when the number of
 * parameters differs from the template's variables, 132012 when their kind or naming does not fit, 132005 when the
 * result exceeds a length limit.
 */
export function renderTemplate(t: SendableTemplate, sent: SendComponent[]): RenderedTemplate {
  const part = (type: SendComponent['type']) => {
    const found = sent.filter((c) => c.type === type);
    if (type !== 'button' && found.length > 1) throw TemplateErrors.countMismatch(`two ${type} components`);
    return found;
  };
  const of = <K extends TemplateComponent['type']>(type: K) =>
    t.components.find((c) => c.type === type) as Extract<TemplateComponent, { type: K }> | undefined;

  const header = renderHeader(t, of('HEADER'), part('header')[0]?.parameters ?? []);
  const bodyText = of('BODY')?.text ?? '';
  const body = fillText(t, bodyText, part('body')[0]?.parameters ?? [], 'body');
  if ([...body].length > LIMITS.body)
    throw TemplateErrors.tooLong(`body: ${[...body].length} characters after filling in, limit ${LIMITS.body}`);
  const buttons = renderButtons(of('BUTTONS')?.buttons ?? [], part('button'));
  const footer = of('FOOTER')?.text;
  return {
    templateId: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    ...(header && { header }),
    body,
    ...(footer !== undefined && { footer }),
    buttons,
  };
}

function renderHeader(
  t: SendableTemplate,
  h: Extract<TemplateComponent, { type: 'HEADER' }> | undefined,
  params: SendParameter[],
): RenderedHeader | undefined {
  if (!h) {
    if (params.length)
      throw TemplateErrors.countMismatch(`header: ${params.length} parameters given, the template has no header`);
    return undefined;
  }
  if (h.format === 'TEXT') {
    const text = fillText(t, h.text!, params, 'header');
    if ([...text].length > LIMITS.header)
      throw TemplateErrors.tooLong(`header: ${[...text].length} characters after filling in, limit ${LIMITS.header}`);
    return { type: 'text', text };
  }
  if (params.length !== 1)
    throw TemplateErrors.countMismatch(`header: expected 1 ${h.format.toLowerCase()} parameter, got ${params.length}`);
  const p = params[0]!;
  const want = h.format.toLowerCase();
  if (p.type !== want) throw TemplateErrors.formatMismatch(`header: expected a ${want} parameter, got ${p.type}`);
  if (p.type === 'location') return { type: 'location', location: p.location };
  if (p.type === 'image' || p.type === 'video' || p.type === 'document') {
    const m = p.type === 'image' ? p.image : p.type === 'video' ? p.video : p.document;
    return { type: p.type, media: { id: m.id, link: m.link, filename: m.filename } };
  }
  throw TemplateErrors.formatMismatch(`header: expected a ${want} parameter, got ${p.type}`);
}

/** Positional parameters fill {{1}}, {{2}}… in order; named ones fill by parameter_name, in any order. */
function fillText(t: SendableTemplate, text: string, params: SendParameter[], where: string): string {
  const vars = scanVariables(text).variables;
  if (params.length !== vars.length)
    throw TemplateErrors.countMismatch(`${where}: expected ${vars.length} parameters, got ${params.length}`);
  const values = params.map((p, i) => textValue(p, `${where}.parameters[${i}]`));
  if (t.parameterFormat === 'POSITIONAL') return fillVariables(text, (_, i) => values[i]!);
  const byName = new Map<string, string>();
  params.forEach((p, i) => {
    const name = 'parameter_name' in p ? p.parameter_name : undefined;
    if (!name)
      throw TemplateErrors.formatMismatch(
        `${where}.parameters[${i}]: parameter_name is required (the template uses named parameters)`,
      );
    if (!vars.some((v: Variable) => v.name === name) || byName.has(name))
      throw TemplateErrors.formatMismatch(
        `${where}.parameters[${i}]: parameter_name "${name}" is not a variable of the template, or is repeated`,
      );
    byName.set(name, values[i]!);
  });
  return fillVariables(text, (v) => byName.get(v.name)!);
}

function textValue(p: SendParameter, where: string): string {
  if (p.type === 'text') return p.text;
  if (p.type === 'currency') return p.currency.fallback_value;
  if (p.type === 'date_time') return p.date_time.fallback_value;
  throw TemplateErrors.formatMismatch(`${where}: a ${p.type} parameter cannot fill a text variable`);
}
