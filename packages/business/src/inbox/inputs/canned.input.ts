import { z } from 'zod';

export const cannedBody = z
  .object({
    short_code: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,64}$/, 'lowercase letters, digits, _ and -'),
    content: z.string().trim().min(1).max(4096),
  })
  .strict();
export type CannedBody = z.output<typeof cannedBody>;

export const cannedParams = z.object({ waba_id: z.string(), canned_response_id: z.string().regex(/^[0-9]{1,20}$/) });

export const agentParams = z.object({ waba_id: z.string(), user_id: z.string().min(1).max(128) });
export const agentBody = z
  .object({ available: z.boolean(), capacity: z.number().int().min(0).max(1000).optional() })
  .strict();
export type AgentBody = z.output<typeof agentBody>;
