/** A recipient lacks a variable its campaign's components use: it is skipped (`missing_variable`), not sent. */
export class MissingVariableError extends Error {
  constructor(readonly variable: string) {
    super(`no value for {{${variable}}}`);
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/**
 * The campaign's template components with every `{{name}}` in a string replaced by the recipient's variable (a CSV
 * column or a contact attribute). Only strings are touched, so the structure the Cloud API validates is the one the
 * business wrote.
 */
export function personalize(components: unknown, variables: Record<string, unknown> | null): unknown {
  if (typeof components === 'string')
    return components.replace(PLACEHOLDER, (_, name: string) => {
      const value = variables?.[name];
      if (value === undefined || value === null || value === '') throw new MissingVariableError(name);
      return String(value);
    });
  if (Array.isArray(components)) return components.map((c) => personalize(c, variables));
  if (components && typeof components === 'object')
    return Object.fromEntries(Object.entries(components).map(([k, v]) => [k, personalize(v, variables)]));
  return components;
}
