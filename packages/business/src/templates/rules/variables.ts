/** A `{{1}}` or `{{first_name}}` in a template text. */
export interface Variable {
  name: string;
  positional: boolean;
  start: number;
  end: number;
}

export interface VariableScan {
  variables: Variable[];
  /** Placeholders that are not well formed: `{{ 1 }}`, `{{#1}}`, `{{First}}`, a lone `{{` or `}}`. */
  malformed: string[];
}

const CANDIDATE = /\{\{([^{}]*)\}\}/g;
const POSITIONAL = /^[1-9][0-9]{0,2}$/;
const NAMED = /^[a-z][a-z0-9_]{0,127}$/;

/** Finds the variables of one text (templates/overview, "Parameter formats"). */
export function scanVariables(text: string): VariableScan {
  const variables: Variable[] = [];
  const malformed: string[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const name = m[1]!;
    const start = m.index!;
    if (POSITIONAL.test(name) || NAMED.test(name))
      variables.push({ name, positional: POSITIONAL.test(name), start, end: start + m[0].length });
    else malformed.push(m[0]);
  }
  const rest = text.replace(CANDIDATE, '');
  if (rest.includes('{{') || rest.includes('}}')) malformed.push(rest.includes('{{') ? '{{' : '}}');
  return { variables, malformed };
}

/** Replaces each variable by `value(variable, i)`; the text between variables is kept as is. */
export function fillVariables(text: string, value: (v: Variable, i: number) => string): string {
  const { variables } = scanVariables(text);
  let out = '';
  let from = 0;
  variables.forEach((v, i) => {
    out += text.slice(from, v.start) + value(v, i);
    from = v.end;
  });
  return out + text.slice(from);
}
