import { z } from 'zod';

/**
 * Template create/edit bodies as the Cloud API takes them (templates/components). Enum values are accepted in any
 * case, as Meta does, and stored upper-cased. These are the structural rules, answered at once with code 100; the
 * content rules (variables, examples, lengths, forbidden patterns) belong to review — see rules/review-rules.ts.
 * String caps here are sanity bounds (4× the policy limits); the policy limits themselves are review rules.
 */
const upper = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(values));

export const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export const PARAMETER_FORMATS = ['POSITIONAL', 'NAMED'] as const;
export const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'] as const;

const text = (max: number) => z.string().min(1).max(max);
const namedExample = z.object({ param_name: z.string().min(1).max(128), example: z.string().min(1).max(1024) });

const header = z
  .object({
    type: z.literal('HEADER'),
    format: upper(HEADER_FORMATS),
    text: text(240).optional(),
    example: z
      .object({
        header_text: z.array(z.string().max(1024)).max(10).optional(),
        header_text_named_params: z.array(namedExample).max(10).optional(),
        header_handle: z.array(z.string().min(1).max(2048)).max(1).optional(),
      })
      .optional(),
  })
  .refine((h) => (h.format === 'TEXT') === (h.text !== undefined), {
    path: ['text'],
    message: 'required for a TEXT header, and only for one',
  });

const body = z.object({
  type: z.literal('BODY'),
  /** Optional only for AUTHENTICATION templates, whose body is Meta's preset text. */
  text: text(4096).optional(),
  add_security_recommendation: z.boolean().optional(),
  example: z
    .object({
      body_text: z
        .array(z.array(z.string().max(1024)).max(100))
        .max(1)
        .optional(),
      body_text_named_params: z.array(namedExample).max(100).optional(),
    })
    .optional(),
});

const footer = z.object({
  type: z.literal('FOOTER'),
  text: text(240).optional(),
  /** AUTHENTICATION only: Meta's preset "This code expires in N minutes." */
  code_expiration_minutes: z.number().int().min(1).max(90).optional(),
});

const label = text(100);
const httpUrl = z
  .string()
  .max(8000)
  .regex(/^https?:\/\/[^\s]+$/, 'expected an http(s) URL');

export const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'OTP'] as const;

const button = z.preprocess(
  upperField('type'),
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('QUICK_REPLY'), text: label }),
    z.object({
      type: z.literal('URL'),
      text: label,
      url: httpUrl,
      example: z.array(z.string().max(8000)).max(1).optional(),
    }),
    z.object({
      type: z.literal('PHONE_NUMBER'),
      text: label,
      phone_number: z.string().regex(/^\+?[0-9]{1,80}$/, 'digits'),
    }),
    z.object({ type: z.literal('COPY_CODE'), example: text(100) }),
    z.object({ type: z.literal('OTP'), otp_type: upper(['COPY_CODE', 'ONE_TAP', 'ZERO_TAP']), text: label.optional() }),
  ]),
);

const buttons = z.object({ type: z.literal('BUTTONS'), buttons: z.array(button).min(1).max(10) });

export const templateComponent = z.preprocess(
  upperField('type'),
  z.discriminatedUnion('type', [header, body, footer, buttons]),
);

export type TemplateComponent = z.output<typeof templateComponent>;
export type TemplateButton = z.output<typeof button>;

function upperField(field: string) {
  return (value: unknown) => {
    if (!value || typeof value !== 'object' || typeof (value as Record<string, unknown>)[field] !== 'string')
      return value;
    const v = value as Record<string, string>;
    return { ...v, [field]: v[field]!.toUpperCase() };
  };
}

export const templateName = z
  .string()
  .regex(/^[a-z0-9_]{1,512}$/, 'lowercase letters, digits and underscores, at most 512 characters');
export const templateLanguage = z
  .string()
  .regex(/^[a-z]{2,3}(?:_[A-Z]{2,4})?$/, 'a template language code such as en, en_US or pt_BR');

export const components = z.array(templateComponent).min(1).max(10);
