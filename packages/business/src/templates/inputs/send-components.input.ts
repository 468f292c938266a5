import { z } from 'zod';

/**
 * The `template.components` of a send (messages/send-messages, template messages), as the send pipeline passes them to
 * TemplatesService.resolveForSend. Shapes only: whether they fit the template is resolveForSend's 1320xx business.
 */
const named = { parameter_name: z.string().min(1).max(128).optional() };
const media = z
  .object({
    id: z.string().min(1).max(128).optional(),
    link: z.string().url().max(2000).optional(),
    caption: z.string().max(1024).optional(),
    filename: z.string().max(240).optional(),
  })
  .refine((m) => (m.id === undefined) !== (m.link === undefined), { message: 'give exactly one of id and link' });

const lowerType = (value: unknown) =>
  value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string'
    ? { ...value, type: (value as { type: string }).type.toLowerCase() }
    : value;

export const sendParameter = z.preprocess(
  lowerType,
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), text: z.string().min(1).max(32_768), ...named }),
    z.object({
      type: z.literal('currency'),
      currency: z.object({
        fallback_value: z.string().min(1).max(256),
        code: z.string().length(3),
        amount_1000: z.number().int(),
      }),
      ...named,
    }),
    z.object({
      type: z.literal('date_time'),
      date_time: z.object({ fallback_value: z.string().min(1).max(256) }),
      ...named,
    }),
    z.object({ type: z.literal('image'), image: media }),
    z.object({ type: z.literal('video'), video: media }),
    z.object({ type: z.literal('document'), document: media }),
    z.object({
      type: z.literal('location'),
      location: z.object({
        latitude: z.coerce.number().min(-90).max(90),
        longitude: z.coerce.number().min(-180).max(180),
        name: z.string().max(1000).optional(),
        address: z.string().max(1000).optional(),
      }),
    }),
    z.object({ type: z.literal('payload'), payload: z.string().min(1).max(1000) }),
    z.object({ type: z.literal('coupon_code'), coupon_code: z.string().min(1).max(15) }),
  ]),
);
export type SendParameter = z.output<typeof sendParameter>;

export const sendComponent = z.preprocess(
  lowerType,
  z.object({
    type: z.enum(['header', 'body', 'button']),
    sub_type: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(z.enum(['quick_reply', 'url', 'copy_code', 'phone_number']))
      .optional(),
    index: z.coerce.number().int().min(0).max(9).optional(),
    parameters: z.array(sendParameter).max(100).default([]),
  }),
);
export type SendComponent = z.output<typeof sendComponent>;

export const sendComponents = z.array(sendComponent).max(20).default([]);
