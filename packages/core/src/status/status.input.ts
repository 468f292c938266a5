import { z } from 'zod';
import { MAX_STATUS_AUDIENCE } from './status-rules';

const accountId = z.uuid({ message: 'expected an account id (UUID)' }).transform((s) => s.toLowerCase());

export const audienceInput = z.object({ account_ids: z.array(accountId).max(MAX_STATUS_AUDIENCE) }).strict();
export type AudienceInput = z.infer<typeof audienceInput>;
