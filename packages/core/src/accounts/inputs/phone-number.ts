import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { z } from 'zod';

/**
 * A phone number as the API takes it: E.164 ("+" and digits; spaces tolerated), valid for its country by
 * libphonenumber's full metadata (the "max" build: length and number ranges, not just length). Normalized to E.164.
 */
export const phoneNumber = z
  .string()
  .max(32)
  .transform((raw, ctx) => {
    const e164 = toE164(raw);
    if (!e164)
      ctx.addIssue({ code: 'custom', message: 'expected a valid phone number in E.164 form, e.g. +14155552671' });
    return e164 ?? z.NEVER;
  });

function toE164(raw: string): string | undefined {
  if (!/^\+[0-9 ]+$/.test(raw.trim())) return undefined;
  try {
    const parsed = parsePhoneNumberWithError(raw.trim());
    return parsed.isValid() ? parsed.number : undefined;
  } catch {
    return undefined;
  }
}
