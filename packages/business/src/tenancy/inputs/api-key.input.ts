import { z } from 'zod';
import { GRAPH_ID } from '../../common/ids';

/** The body is optional: an unnamed key is called "API key". */
export const createApiKeyBody = z.preprocess(
  (v) => v ?? {},
  z.object({ name: z.string().trim().min(1).max(100).default('API key') }),
);
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;

export const apiKeyParams = z.object({ waba_id: z.string(), api_key_id: z.string().regex(GRAPH_ID, 'expected an id') });
