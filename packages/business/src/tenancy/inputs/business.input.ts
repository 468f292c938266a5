import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { z } from 'zod';
import { pageQuery } from '../../common/paging';

/**
 * A business number in E.164. "Possible" rather than "valid" (unlike consumer registration): businesses and tests
 * use number ranges libphonenumber calls unassigned, such as +1 555 01xx.
 */
export const businessPhoneNumber = z
  .string()
  .max(32)
  .transform((raw, ctx) => {
    try {
      const parsed = parsePhoneNumberWithError(raw.trim());
      if (/^\+[0-9 ()-]+$/.test(raw.trim()) && parsed.isPossible()) return parsed.number as string;
    } catch {}
    ctx.addIssue({ code: 'custom', message: 'expected a phone number in E.164 form, e.g. +15551234567' });
    return z.NEVER;
  });

export const businessName = z.string().trim().min(1).max(128);

/** Graph's `fields` is accepted for compatibility; every field is returned (a superset is what clients can read). */
export const fieldsQuery = { fields: z.string().max(1000).optional() };

export const graphReadQuery = z.object(fieldsQuery);
export const listQuery = z.object({ ...pageQuery, ...fieldsQuery });
