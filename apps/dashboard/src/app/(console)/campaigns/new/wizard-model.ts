import type { Schemas } from '../../../../lib/api/client';

export type Template = Schemas['MessageTemplate'];
export type CheckResult = Schemas['ConsoleCampaignCheck'];

/** Where a template variable's value comes from: a column of the audience (per recipient) or one text for all. */
export type Source = { column: string } | { text: string };

/** A template variable as the wizard maps it: in the header or the body, `{{1}}` or `{{name}}`. */
export interface TemplateVariable {
  component: 'header' | 'body';
  key: string;
}

export interface Audience {
  kind: 'csv' | 'contacts';
  /** The CSV's text (kind csv). */
  csv: string;
  fileName: string;
  /** The CSV's header, or the variables a contact has (wa_id, profile_name and its attributes). */
  columns: string[];
  /** The first row (or first contact), for the preview. */
  first: Record<string, string>;
  /** Data rows in the file (kind csv). */
  rows: number;
  /** Contacts with all of these tags (kind contacts; none = every contact). */
  tags: string[];
}

export interface WizardState {
  name: string;
  phoneNumberId: string;
  audience: Audience;
  template?: Template;
  sources: Record<string, Source>;
  schedule: { mode: 'now' | 'later'; at: string };
}

const VARIABLE = /\{\{\s*([^}]+?)\s*\}\}/g;

const componentText = (t: Template, type: 'HEADER' | 'BODY') =>
  t.components.find((c) => c.type.toUpperCase() === type && (type === 'BODY' || c.format?.toUpperCase() === 'TEXT'))
    ?.text ?? '';

/** The template's variables, header first, each once, in order of appearance. */
export function templateVariables(t: Template): TemplateVariable[] {
  const out: TemplateVariable[] = [];
  for (const component of ['header', 'body'] as const) {
    const text = componentText(t, component === 'header' ? 'HEADER' : 'BODY');
    const keys = new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!));
    for (const key of keys) out.push({ component, key });
  }
  return out;
}

export const variableId = (v: TemplateVariable) => `${v.component}:${v.key}`;

/** A column whose name matches the variable's (`first_name` for `{{first_name}}`), else the nth non-number column. */
export function guessSource(v: TemplateVariable, index: number, columns: string[]): Source {
  const exact = columns.find((c) => c.toLowerCase() === v.key.toLowerCase());
  if (exact) return { column: exact };
  const others = columns.filter((c) => !NUMBER_COLUMNS.includes(c.toLowerCase()));
  const nth = others[index];
  return nth ? { column: nth } : { text: '' };
}

/** The CSV's number column names (any case), as the API reads them. */
export const NUMBER_COLUMNS = ['phone', 'phone_number', 'wa_id', 'to'];

/** A source as the campaign's components carry it: a column becomes the `{{column}}` placeholder filled per recipient. */
const parameterText = (s: Source | undefined) => (!s ? '' : 'column' in s ? `{{${s.column}}}` : s.text);

/** The Cloud API template components for the mapped variables. */
export function templateComponents(t: Template, sources: Record<string, Source>) {
  const named = t.parameter_format === 'NAMED';
  const vars = templateVariables(t);
  return (['header', 'body'] as const)
    .map((component) => ({
      type: component,
      parameters: vars
        .filter((v) => v.component === component)
        .map((v) => ({
          type: 'text',
          text: parameterText(sources[variableId(v)]),
          ...(named && { parameter_name: v.key }),
        })),
    }))
    .filter((c) => c.parameters.length > 0);
}

/** The template's texts with each variable filled from one recipient (a placeholder shows when the value is empty). */
export function previewOf(t: Template, sources: Record<string, Source>, row: Record<string, unknown>) {
  const value = (component: 'header' | 'body', key: string) => {
    const s = sources[`${component}:${key}`];
    const v = !s ? '' : 'column' in s ? String(row[s.column] ?? '') : s.text;
    return v || `{{${key}}}`;
  };
  const fill = (component: 'header' | 'body', text: string) =>
    text.replace(VARIABLE, (_, key: string) => value(component, key));
  const buttons = t.components.find((c) => c.type.toUpperCase() === 'BUTTONS')?.buttons ?? [];
  return {
    header: fill('header', componentText(t, 'HEADER')),
    body: fill('body', componentText(t, 'BODY')),
    footer: t.components.find((c) => c.type.toUpperCase() === 'FOOTER')?.text ?? '',
    buttons: buttons.map((b) => String((b as { text?: string }).text ?? b.type)),
  };
}

/** The create's body, as the API takes it (the check and the launch send the same). */
export function campaignRequest(s: WizardState) {
  const t = s.template!;
  return {
    name: s.name.trim(),
    phone_number_id: s.phoneNumberId,
    template: { name: t.name, language: { code: t.language }, components: templateComponents(t, s.sources) },
    audience: s.audience.kind === 'csv' ? { csv: s.audience.csv } : { tags: s.audience.tags },
    // A wall time without an offset: the API reads it in the business's time zone.
    ...(s.schedule.mode === 'later' && s.schedule.at && { schedule: { at: s.schedule.at } }),
  };
}

/** "about 3 min", "about 2 days": the estimate as a person reads it. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, seconds)} s`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `about ${Math.round(seconds / 3600)} h`;
  return `about ${Math.round(seconds / 86_400)} days`;
}

/** The template for one recipient, as a test send carries it: each column placeholder replaced by that row's value. */
export function filledTemplate(s: WizardState, row: Record<string, unknown>) {
  const t = s.template!;
  const components = templateComponents(t, s.sources).map((c) => ({
    ...c,
    parameters: c.parameters.map((p) => ({
      ...p,
      text: p.text.replace(VARIABLE, (_, column: string) => String(row[column] ?? '')),
    })),
  }));
  return { name: t.name, language: { code: t.language }, components };
}
