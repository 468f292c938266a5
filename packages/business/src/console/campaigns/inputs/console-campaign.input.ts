import { z } from 'zod';
import { listRecipientsQuery } from '../../../campaigns/recipients/recipients.input';
import { GRAPH_ID } from '../../../common/ids';
import { pageOrderQuery } from '../../../common/paging';

export const consoleCampaignParams = z.object({
  businessId: z.string().min(1).max(64),
  campaignId: z.string().regex(GRAPH_ID, 'expected a campaign id'),
});
export type ConsoleCampaignParams = z.output<typeof consoleCampaignParams>;

/** The recipients table: the business API's filters, and the row order either way. */
export const consoleRecipientsQuery = listRecipientsQuery.extend({ order: pageOrderQuery });
export type ConsoleRecipientsQuery = z.output<typeof consoleRecipientsQuery>;

/**
 * The wizard's "send a test": the campaign's template, its variables already filled from one audience row, to one
 * number from the campaign's number. Only the outline is checked here; the send path checks the template message as
 * it checks POST /{phone_number_id}/messages.
 */
export const testSendBody = z.object({
  phone_number_id: z.string().min(1).max(64),
  to: z.string().trim().min(1).max(40),
  template: z.record(z.string(), z.unknown()),
});
export type TestSendBody = z.output<typeof testSendBody>;
