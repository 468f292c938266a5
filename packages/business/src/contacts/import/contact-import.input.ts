import { z } from 'zod';
import { CSV_MAX_BYTES } from '../../campaigns/inputs/campaign.input';

const column = z.string().trim().min(1).max(128);
const tag = z.string().trim().min(1).max(64);

/**
 * POST /console/v1/businesses/{id}/contacts/import: a CSV and which of its columns is what. Columns not named are
 * left out; `tags` are added to every imported contact (beside the tags column's, if any).
 */
export const contactImportBody = z
  .object({
    csv: z
      .string()
      .min(1)
      .refine((v) => Buffer.byteLength(v) <= CSV_MAX_BYTES, `at most ${CSV_MAX_BYTES} bytes (5 MB)`),
    columns: z
      .object({
        phone: column,
        profile_name: column.optional(),
        /** Several tags in one cell are separated by `;` or `|`. */
        tags: column.optional(),
        attributes: z.array(column).max(50).optional(),
      })
      .strict(),
    tags: z.array(tag).max(50).optional(),
  })
  .strict();
export type ContactImportBody = z.output<typeof contactImportBody>;
