import type { TemplateComponent } from '@switchboard/business/templates/inputs/template.input';
import { structureProblems } from '@switchboard/business/templates/inputs/template-structure';
import { reviewProblems } from '@switchboard/business/templates/rules/review-rules';
import { scanVariables } from '@switchboard/business/templates/rules/variables';
import { describe, expect, it } from 'vitest';

const body = (text: string, example?: string[]): TemplateComponent => ({
  type: 'BODY',
  text,
  ...(example && { example: { body_text: [example] } }),
});
const review = (
  components: TemplateComponent[],
  format: 'POSITIONAL' | 'NAMED' = 'POSITIONAL',
  forbidden: RegExp[] = [],
) =>
  reviewProblems({ parameterFormat: format, components }, forbidden).map((p) => `${p.reason} ${p.field}: ${p.message}`);

describe('template review rules', () => {
  it('approves well-formed positional and named templates', () => {
    expect(review([body('Hi {{1}}, your order {{2}} ships today.', ['Ana', '42'])])).toEqual([]);
    const named: TemplateComponent = {
      type: 'BODY',
      text: 'Thank you, {{first_name}}! Your order number is {{order_number}}.',
      example: {
        body_text_named_params: [
          { param_name: 'order_number', example: '1' },
          { param_name: 'first_name', example: 'Pablo' },
        ],
      },
    };
    expect(review([named], 'NAMED')).toEqual([]);
  });

  it('finds malformed, non-sequential, mixed, leading, trailing and adjacent variables', () => {
    expect(review([body('Hi {{ 1 }} there.', [])])).toEqual([
      expect.stringMatching(/"\{\{ 1 \}\}" is not a well-formed/),
    ]);
    expect(review([body('Hi {{1}} and {{3}} ok.', ['a', 'b'])])).toEqual([expect.stringMatching(/not sequential/)]);
    expect(review([body('Hi {{2}} and {{1}} ok.', ['a', 'b'])])).toEqual([expect.stringMatching(/not sequential/)]);
    expect(review([body('Hi {{1}} and {{name}} ok.', ['a', 'b'])]).join('\n')).toMatch(/mixes|other style/);
    expect(review([body('{{1}} is your code.', ['a'])])).toEqual([expect.stringMatching(/starts or ends/)]);
    expect(review([body('Your code is {{1}}', ['a'])])).toEqual([expect.stringMatching(/starts or ends/)]);
    expect(review([body('Hello {{1}} {{2}} welcome.', ['a', 'b'])])).toEqual([
      expect.stringMatching(/next to each other/),
    ]);
    expect(review([body('Hi {{1}}.', ['a'])], 'NAMED')).toEqual([expect.stringMatching(/parameter_format is NAMED/)]);
  });

  it('needs an example for every variable', () => {
    expect(review([body('Hi {{1}} and {{2}} ok.', ['a'])])).toEqual([
      expect.stringMatching(/body_text: An example value is missing/),
    ]);
    expect(review([body('Hi {{1}} ok.')])).toHaveLength(1);
    const header: TemplateComponent = { type: 'HEADER', format: 'TEXT', text: 'Hello {{1}}' };
    expect(review([header, body('Plain body.')])).toEqual([expect.stringMatching(/header_text: An example/)]);
    expect(review([{ type: 'HEADER', format: 'IMAGE' }, body('Plain body.')])).toEqual([
      expect.stringMatching(/header_handle/),
    ]);
  });

  it('applies the length limits', () => {
    expect(review([body('x'.repeat(1025))])).toEqual([
      expect.stringMatching(/body is 1025 characters; the limit is 1024/),
    ]);
    expect(review([{ type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) }, body('ok')])).toHaveLength(1);
    expect(review([body('ok'), { type: 'FOOTER', text: 'f'.repeat(61) }])).toHaveLength(1);
    const button: TemplateComponent = { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'b'.repeat(26) }] };
    expect(review([body('ok'), button])).toEqual([expect.stringMatching(/button text is 26 characters/)]);
  });

  it('checks URL button variables and their examples', () => {
    const url = (u: string, example?: string[]): TemplateComponent => ({
      type: 'BUTTONS',
      buttons: [{ type: 'URL', text: 'Track', url: u, ...(example && { example }) }],
    });
    expect(review([body('ok'), url('https://x.test/track/{{1}}', ['https://x.test/track/1'])])).toEqual([]);
    expect(review([body('ok'), url('https://x.test/{{1}}/track', ['x'])])).toEqual([
      expect.stringMatching(/at the end/),
    ]);
    expect(review([body('ok'), url('https://x.test/track/{{1}}')])).toEqual([expect.stringMatching(/example URL/)]);
  });

  it('rejects forbidden patterns as ABUSIVE_CONTENT, examples included', () => {
    const forbidden = [/\bsocial\s+security\s+number\b/iu];
    expect(review([body('Reply with your {{1}}.', ['social security number'])], 'POSITIONAL', forbidden)).toEqual([
      expect.stringMatching(/^ABUSIVE_CONTENT components:/),
    ]);
  });

  it('scans variables', () => {
    expect(scanVariables('a {{1}} b {{two_x}} {{#3}} }}').variables.map((v) => v.name)).toEqual(['1', 'two_x']);
    expect(scanVariables('a {{1}} b {{two_x}} {{#3}} }}').malformed).toEqual(['{{#3}}', '}}']);
  });
});

describe('template structure (refused at creation)', () => {
  const qr = (text: string) => ({ type: 'QUICK_REPLY' as const, text });
  const url = { type: 'URL' as const, text: 'Go', url: 'https://x.test' };
  it('needs exactly one body and groups quick replies', () => {
    expect(structureProblems('UTILITY', [{ type: 'FOOTER', text: 'f' }])).toEqual([
      expect.objectContaining({ message: 'exactly one BODY component is required' }),
    ]);
    const ok: TemplateComponent[] = [body('b'), { type: 'BUTTONS', buttons: [qr('a'), qr('b'), url] }];
    expect(structureProblems('MARKETING', ok)).toEqual([]);
    const bad: TemplateComponent[] = [body('b'), { type: 'BUTTONS', buttons: [qr('a'), url, qr('b')] }];
    expect(structureProblems('MARKETING', bad)).toEqual([
      expect.objectContaining({ message: 'QUICK_REPLY buttons must be grouped together' }),
    ]);
    const threeUrls: TemplateComponent[] = [body('b'), { type: 'BUTTONS', buttons: [url, url, url] }];
    expect(structureProblems('MARKETING', threeUrls)[0]?.message).toBe('at most 2 URL buttons');
  });

  it('keeps OTP buttons for AUTHENTICATION templates, and requires one there', () => {
    const otp: TemplateComponent = { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] };
    expect(structureProblems('AUTHENTICATION', [{ type: 'BODY', add_security_recommendation: true }, otp])).toEqual([]);
    expect(structureProblems('UTILITY', [body('b'), otp])[0]?.message).toMatch(/OTP buttons are for AUTHENTICATION/);
    expect(structureProblems('AUTHENTICATION', [{ type: 'BODY' }])[0]?.message).toMatch(/needs a BUTTONS component/);
  });
});
