import { z } from 'zod';

export const invitationIdParams = z.object({ invitationId: z.string().min(1).max(64) });
export const acceptBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    password: z.string().min(10, 'at least 10 characters').max(128),
  })
  .strict();

export type InvitationIdParams = z.infer<typeof invitationIdParams>;
export type AcceptBody = z.infer<typeof acceptBody>;
