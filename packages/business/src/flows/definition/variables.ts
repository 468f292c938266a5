import type { FlowDefinition } from './flow-definition';

export type Vars = Record<string, string | number | boolean>;

/** A run's first variables: the declared defaults, then what the caller gave for declared names only. */
export function initialVariables(def: FlowDefinition, given: Vars = {}): Vars {
  const vars: Vars = {};
  for (const v of def.variables) {
    if (v.default !== undefined) vars[v.name] = v.default;
    if (given[v.name] !== undefined) vars[v.name] = coerce(given[v.name]!, v.type) ?? vars[v.name]!;
  }
  return vars;
}

/** A value as the variable's type; undefined when it cannot be one (a number variable given "abc"). */
export function coerce(value: string | number | boolean, type: 'string' | 'number' | 'boolean') {
  if (type === 'string') return String(value);
  if (type === 'number') {
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    return Number.isFinite(n) && String(value).trim() !== '' ? n : undefined;
  }
  if (typeof value === 'boolean') return value;
  const s = String(value).trim().toLowerCase();
  return ['true', 'yes', '1'].includes(s) ? true : ['false', 'no', '0'].includes(s) ? false : undefined;
}

/** `{{name}}` placeholders filled from the variables and the built-ins; an unset one becomes empty. */
export function fill(
  text: string,
  vars: Vars,
  builtIns: Record<string, string> = {},
  encode: (value: string) => string = (v) => v,
): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g, (_, name: string) =>
    encode(String(vars[name] ?? builtIns[name] ?? '')),
  );
}

/** A value placed inside a JSON string of a body template: escaped as JSON would, without the quotes. */
export const jsonEscaped = (value: string) => JSON.stringify(value).slice(1, -1);
