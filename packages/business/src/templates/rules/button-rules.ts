import type { TemplateButton } from '../inputs/template.input';
import { invalid, LIMITS, limit, type ReviewProblem } from './review-problem';
import { scanVariables } from './variables';

/** Button label lengths, and URL buttons' one variable: {{1}}, at the end, with an example URL. */
export function buttonRules(button: TemplateButton, field: string, problems: ReviewProblem[]) {
  if ('text' in button && button.text !== undefined)
    limit(button.text, LIMITS.buttonText, `${field}.text`, 'button text', problems);
  if (button.type === 'URL') {
    const url = button.url;
    limit(url, LIMITS.url, `${field}.url`, 'URL', problems);
    const { variables, malformed } = scanVariables(url);
    if (
      malformed.length ||
      variables.length > 1 ||
      (variables[0] && (variables[0].end !== url.length || variables[0].name !== '1'))
    )
      problems.push(
        invalid(
          `${field}.url`,
          'A URL button takes one variable, {{1}}, at the end of the URL.',
          'Append {{1}} to the end of the URL, or remove the variable.',
        ),
      );
    if (variables.length && !button.example?.[0])
      problems.push(
        invalid(
          `${field}.example`,
          'A URL with a variable needs an example URL.',
          'Give the full example URL in example.',
        ),
      );
  }
  if (button.type === 'PHONE_NUMBER')
    limit(button.phone_number, LIMITS.phone, `${field}.phone_number`, 'phone number', problems);
  if (button.type === 'COPY_CODE') limit(button.example, LIMITS.copyCode, `${field}.example`, 'copy code', problems);
}
