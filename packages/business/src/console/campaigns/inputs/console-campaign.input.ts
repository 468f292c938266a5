import { z } from 'zod';
import { GRAPH_ID } from '../../../common/ids';

export const consoleCampaignParams = z.object({
  businessId: z.string().min(1).max(64),
  campaignId: z.string().regex(GRAPH_ID, 'expected a campaign id'),
});
export type ConsoleCampaignParams = z.output<typeof consoleCampaignParams>;
