import type { TemplateComponent } from '../inputs/template.input';
import { buttonRules } from './button-rules';
import { invalid, LIMITS, limit, type ReviewProblem } from './review-problem';
import { bodyPlacement, exampleRules, textRules } from './text-rules';
import { scanVariables, type Variable } from './variables';

export { LIMITS, type ReviewProblem } from './review-problem';

export interface ReviewSubject {
  parameterFormat: 'POSITIONAL' | 'NAMED';
  components: TemplateComponent[];
}

/**
 * The automatic reviewer's rules (templates/template-review, "Common rejection reasons"): well-formed variables of
 * one style, positional ones numbered 1, 2, 3… in order, none leading or trailing the body, none side by side, an
 * example for each, the length limits, and the configured forbidden patterns. Returns every problem found.
 */
export function reviewProblems(t: ReviewSubject, forbidden: RegExp[]): ReviewProblem[] {
  const problems: ReviewProblem[] = [];
  const all: Variable[] = [];
  t.components.forEach((c, i) => {
    const at = `components[${i}]`;
    if (c.type === 'HEADER' && c.format === 'TEXT') {
      const vars = textRules(c.text!, `${at}.text`, t.parameterFormat, problems);
      all.push(...vars);
      if (vars.length > 1)
        problems.push(
          invalid(`${at}.text`, 'A text header has at most one variable.', 'Keep one variable in the header.'),
        );
      limit(c.text!, LIMITS.header, `${at}.text`, 'header', problems);
      exampleRules(
        vars,
        c.example?.header_text,
        c.example?.header_text_named_params,
        `${at}.example`,
        'header_text',
        problems,
      );
    }
    if (c.type === 'HEADER' && ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(c.format) && !c.example?.header_handle?.[0])
      problems.push(
        invalid(
          `${at}.example.header_handle`,
          `A ${c.format} header needs a sample media handle.`,
          'Upload a sample and give its handle in example.header_handle.',
        ),
      );
    if (c.type === 'BODY' && c.text !== undefined) {
      const vars = textRules(c.text, `${at}.text`, t.parameterFormat, problems);
      all.push(...vars);
      bodyPlacement(c.text, vars, `${at}.text`, problems);
      limit(c.text, LIMITS.body, `${at}.text`, 'body', problems);
      exampleRules(
        vars,
        c.example?.body_text?.[0],
        c.example?.body_text_named_params,
        `${at}.example`,
        'body_text',
        problems,
      );
    }
    if (c.type === 'FOOTER' && c.text !== undefined) {
      if (scanVariables(c.text).variables.length)
        problems.push(invalid(`${at}.text`, 'The footer cannot have variables.', 'Move the variable to the body.'));
      limit(c.text, LIMITS.footer, `${at}.text`, 'footer', problems);
    }
    if (c.type === 'BUTTONS') for (const [j, b] of c.buttons.entries()) buttonRules(b, `${at}.buttons[${j}]`, problems);
  });
  if (all.some((v) => v.positional) && all.some((v) => !v.positional))
    problems.push(
      invalid(
        'components',
        'The template mixes {{1}}-style and {{name}}-style variables.',
        'Use one parameter format throughout.',
      ),
    );
  problems.push(...forbiddenProblems(t.components, forbidden));
  return problems;
}

function forbiddenProblems(components: TemplateComponent[], forbidden: RegExp[]): ReviewProblem[] {
  const texts = stringsIn(components).join('\n');
  return forbidden
    .filter((re) => re.test(texts))
    .map((re) => ({
      reason: 'ABUSIVE_CONTENT' as const,
      field: 'components',
      message: `The template contains content that violates the messaging policy (matches /${re.source}/).`,
      recommendation:
        'Do not ask for full payment card numbers, government ids or passwords, and avoid scam-like claims.',
    }));
}

/** Every string a template holds — texts, examples, URLs — which is what people would read. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
