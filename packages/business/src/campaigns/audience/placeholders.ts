/**
 * `{{name}}` placeholders in a campaign's template components, found exactly as dispatch/personalize.ts fills them
 * (any string, the same name syntax), so a recipient the ledger calls complete is one the dispatcher can fill.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

export type Variables = Record<string, unknown>;

/** The variable names the components use, each once, in order of appearance. */
export function placeholderNames(components: unknown): string[] {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(PLACEHOLDER)) names.add(m[1]!);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(components);
  return [...names];
}

/** Whether a recipient has a non-empty value for every name (personalize refuses null, undefined and ''). */
export function hasAll(variables: Variables, names: string[]): boolean {
  return names.every((n) => variables[n] !== undefined && variables[n] !== null && variables[n] !== '');
}
