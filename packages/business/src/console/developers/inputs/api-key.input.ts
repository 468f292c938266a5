import { z } from 'zod';
import { GRAPH_ID } from '../../../common/ids';
import { pageQuery } from '../../../common/paging';

export const apiKeyParams = z.object({
  businessId: z.string().min(1).max(64),
  apiKeyId: z.string().regex(GRAPH_ID, 'expected an id'),
});
export const listApiKeysQuery = z.object(pageQuery);

export type ApiKeyParams = z.infer<typeof apiKeyParams>;
export type ListApiKeysQuery = z.infer<typeof listApiKeysQuery>;
