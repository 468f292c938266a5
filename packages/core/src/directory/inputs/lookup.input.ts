import { z } from 'zod';
import { phoneNumber } from '../../accounts/inputs/phone-number';

/** One request's numbers: an address book goes in a few requests. */
export const MAX_NUMBERS_PER_LOOKUP = 1_000;

export const lookupInput = z.object({
  numbers: z.array(phoneNumber).min(1).max(MAX_NUMBERS_PER_LOOKUP),
});
export type LookupInput = z.output<typeof lookupInput>;
