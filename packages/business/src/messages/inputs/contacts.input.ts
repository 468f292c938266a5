import { z } from 'zod';
import { chars, httpUrl } from './fields.input';

/** A contacts message (messages/contacts-messages): up to 257 contact cards, each with a formatted name. */
const label = chars(64).optional();
const short = chars(256).optional();

const card = z.object({
  name: z.object({
    formatted_name: chars(256),
    first_name: short,
    last_name: short,
    middle_name: short,
    suffix: short,
    prefix: short,
  }),
  addresses: z
    .array(
      z.object({
        street: short,
        city: short,
        state: short,
        zip: chars(32).optional(),
        country: short,
        country_code: z
          .string()
          .regex(/^[A-Za-z]{2}$/, 'expected an ISO two-letter country code')
          .optional(),
        type: label,
      }),
    )
    .max(20)
    .optional(),
  birthday: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a calendar date')
    .optional(),
  emails: z
    .array(z.object({ email: chars(320).optional(), type: label }))
    .max(20)
    .optional(),
  org: z.object({ company: short, department: short, title: short }).optional(),
  phones: z
    .array(
      z.object({
        phone: chars(64).optional(),
        type: label,
        wa_id: z
          .string()
          .regex(/^[0-9]{6,15}$/, 'expected digits')
          .optional(),
      }),
    )
    .max(20)
    .optional(),
  urls: z
    .array(z.object({ url: httpUrl.optional(), type: label }))
    .max(20)
    .optional(),
});

export const contactCards = z.array(card).min(1).max(257);
