import { invalid, type ReviewProblem } from './review-problem';
import { scanVariables, type Variable } from './variables';

/** Well-formed variables of the declared style; positional ones numbered 1, 2, 3… in order; named ones unique. */
export function textRules(text: string, field: string, format: string, problems: ReviewProblem[]): Variable[] {
  const { variables, malformed } = scanVariables(text);
  for (const m of malformed)
    problems.push(
      invalid(
        field,
        `"${m}" is not a well-formed variable.`,
        'Write variables as {{1}} or {{lower_case_name}}, with matching double braces and no spaces or symbols.',
      ),
    );
  const expected = format !== 'NAMED';
  if (variables.some((v) => v.positional !== expected))
    problems.push(
      invalid(
        field,
        `The template's parameter_format is ${format} but the text uses the other style.`,
        `Use ${format === 'NAMED' ? '{{name}}' : '{{1}}'} variables, or change parameter_format.`,
      ),
    );
  const positional = variables.filter((v) => v.positional).map((v) => Number(v.name));
  if (positional.some((n, i) => n !== i + 1))
    problems.push(
      invalid(
        field,
        `Variables are not sequential (${positional.map((n) => `{{${n}}}`).join(', ')}).`,
        'Number variables {{1}}, {{2}}, {{3}}… in the order they appear, each once.',
      ),
    );
  const names = variables.filter((v) => !v.positional).map((v) => v.name);
  if (new Set(names).size !== names.length)
    problems.push(invalid(field, 'A named variable appears more than once.', 'Give each variable a unique name.'));
  return variables;
}

/** Meta rejects dangling variables (first or last in the body) and variables with nothing between them. */
export function bodyPlacement(text: string, vars: Variable[], field: string, problems: ReviewProblem[]) {
  if (!vars.length) return;
  if (text.slice(0, vars[0]!.start).trim() === '' || text.slice(vars.at(-1)!.end).trim() === '')
    problems.push(
      invalid(
        field,
        'The body starts or ends with a variable.',
        'Put fixed text before the first and after the last variable.',
      ),
    );
  for (let i = 1; i < vars.length; i++)
    if (text.slice(vars[i - 1]!.end, vars[i]!.start).trim() === '') {
      problems.push(
        invalid(
          field,
          `Your template has parameters placed next to each other ({{${vars[i - 1]!.name}}}{{${vars[i]!.name}}}) without text or punctuation between them.`,
          'Separate parameters with descriptive text and ensure each parameter is clearly contextualized.',
        ),
      );
      return;
    }
}

/** Review needs a sample value per variable, to see the message as users will. */
export function exampleRules(
  vars: Variable[],
  positional: string[] | undefined,
  named: { param_name: string; example: string }[] | undefined,
  field: string,
  key: string,
  problems: ReviewProblem[],
) {
  if (!vars.length) return;
  const missing = vars.some((v) => v.positional)
    ? (positional ?? []).length !== vars.length || (positional ?? []).some((e) => !e.trim())
    : vars.some((v) => !named?.some((n) => n.param_name === v.name && n.example.trim()));
  if (missing) {
    const where = vars.some((v) => v.positional) ? `${field}.${key}` : `${field}.${key}_named_params`;
    problems.push(
      invalid(
        where,
        `An example value is missing for a variable (${vars.length} variable${vars.length > 1 ? 's' : ''}).`,
        'Give one sample value per variable so reviewers can see the message as users will.',
      ),
    );
  }
}
