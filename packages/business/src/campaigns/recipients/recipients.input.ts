import { z } from 'zod';
import { pageQuery } from '../../common/paging';

/** What the recipients table is shown as: a message's status once dispatched, else the ledger state. */
export const SHOWN_STATES = ['pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'skipped'] as const;

export const listRecipientsQuery = z.object({
  ...pageQuery,
  state: z.enum(SHOWN_STATES).optional(),
  /** A Cloud API error code (failed) or a skip reason (skipped). */
  code: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/, 'expected an error code or a skip reason')
    .optional(),
  /** Part of the number: only its digits count (spaces, +, dashes are how people type numbers). */
  q: z
    .string()
    .max(40)
    .transform((s) => s.replace(/\D/g, ''))
    .optional(),
});
export type ListRecipientsQuery = z.output<typeof listRecipientsQuery>;
