import type { TemplateComponent } from './template.input';

export interface StructureProblem {
  path: (string | number)[];
  message: string;
}

/**
 * How components fit together (templates/components): one body, at most one header, footer and buttons block; button
 * counts per kind; quick replies kept in one group; one-time-password buttons only — and always — in AUTHENTICATION
 * templates. Meta refuses these at creation, so they are 100s, not rejections.
 */
export function structureProblems(category: string, components: TemplateComponent[]): StructureProblem[] {
  const problems: StructureProblem[] = [];
  const count = (type: string) => components.filter((c) => c.type === type).length;
  if (count('BODY') !== 1) problems.push({ path: ['components'], message: 'exactly one BODY component is required' });
  for (const type of ['HEADER', 'FOOTER', 'BUTTONS'])
    if (count(type) > 1) problems.push({ path: ['components'], message: `at most one ${type} component` });
  components.forEach((c, i) => {
    if (c.type === 'BODY' && c.text === undefined && category !== 'AUTHENTICATION')
      problems.push({ path: ['components', i, 'text'], message: 'required' });
    if (c.type === 'HEADER' && c.format === 'LOCATION' && category === 'AUTHENTICATION')
      problems.push({ path: ['components', i, 'format'], message: 'LOCATION headers are for MARKETING and UTILITY' });
    if (c.type === 'BUTTONS') problems.push(...buttonProblems(category, c.buttons, i));
  });
  if (category === 'AUTHENTICATION' && !components.some((c) => c.type === 'BUTTONS'))
    problems.push({
      path: ['components'],
      message: 'an AUTHENTICATION template needs a BUTTONS component with an OTP button',
    });
  return problems;
}

const MAX_PER_TYPE: Record<string, number> = { QUICK_REPLY: 10, URL: 2, PHONE_NUMBER: 1, COPY_CODE: 1, OTP: 1 };

function buttonProblems(category: string, buttons: { type: string }[], at: number): StructureProblem[] {
  const path = ['components', at, 'buttons'];
  const problems: StructureProblem[] = [];
  for (const [type, max] of Object.entries(MAX_PER_TYPE)) {
    const n = buttons.filter((b) => b.type === type).length;
    if (n > max) problems.push({ path, message: `at most ${max} ${type} button${max > 1 ? 's' : ''}` });
  }
  const otp = buttons.some((b) => b.type === 'OTP');
  if (otp && category !== 'AUTHENTICATION')
    problems.push({ path, message: 'OTP buttons are for AUTHENTICATION templates' });
  if (category === 'AUTHENTICATION' && (!otp || buttons.length !== 1))
    problems.push({ path, message: 'an AUTHENTICATION template has exactly one button, of type OTP' });
  // Quick replies form one group, before or after the other buttons: QR, QR, URL is fine; QR, URL, QR is not.
  const groups = buttons.map((b) => b.type === 'QUICK_REPLY').filter((q, i, all) => i === 0 || q !== all[i - 1]);
  if (groups.length > 2) problems.push({ path, message: 'QUICK_REPLY buttons must be grouped together' });
  return problems;
}
