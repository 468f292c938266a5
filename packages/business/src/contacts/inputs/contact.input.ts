import { z } from 'zod';
import { pageQuery } from '../../common/paging';

/** A WhatsApp id: the phone number's digits. "+1 555 123-4567" is accepted and becomes "15551234567". */
export const waId = z
  .string()
  .max(32)
  .transform((v) => v.replace(/[\s()+-]/g, ''))
  .pipe(z.string().regex(/^[1-9][0-9]{5,14}$/, 'expected a phone number in international form, e.g. 15551234567'));

const tag = z.string().trim().min(1).max(64);
const attributes = z
  .record(z.string().min(1).max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
  .refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes');

/** POST /{waba_id}/contacts: create or update one contact; given fields replace the stored ones. */
export const upsertContactBody = z.object({
  wa_id: waId,
  profile_name: z.string().trim().min(1).max(256).optional(),
  tags: z.array(tag).max(50).optional(),
  attributes: attributes.optional(),
});
export type UpsertContactBody = z.output<typeof upsertContactBody>;

/** The console's contact edit: the business's own fields of one contact (at least one). */
export const editContactBody = upsertContactBody
  .omit({ wa_id: true })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give profile_name, tags or attributes');
export type EditContactBody = z.output<typeof editContactBody>;

export const contactParams = z.object({ waba_id: z.string(), wa_id: waId });
export type ContactParams = z.output<typeof contactParams>;

/** POST …/opt_in and …/opt_out: where the consent (or its withdrawal) came from, for the record. */
export const optBody = z.preprocess(
  (v) => v ?? {},
  z.object({ source: z.string().trim().min(1).max(64).default('api') }),
);
export type OptBody = z.output<typeof optBody>;

export const listContactsQuery = z.object({
  ...pageQuery,
  /** Part of the number, or of the profile name (any case). */
  search: z.string().trim().min(1).max(100).optional(),
  tag: tag.optional(),
  opt_status: z
    .string()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(['UNKNOWN', 'OPTED_IN', 'OPTED_OUT']))
    .optional(),
});
export type ListContactsQuery = z.output<typeof listContactsQuery>;
