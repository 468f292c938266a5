import { z } from 'zod';

/**
 * POST …/messages: a message as `POST /{phone_number_id}/messages` takes it, without `to` (the conversation's
 * contact), or `canned_response` (a saved reply, its `{{variables}}` filled) in place of the message. `agent_id`
 * names the console user replying: a human reply takes the conversation from a bot, and an unassigned one.
 * The message itself is validated by the send path.
 */
export const replyBody = z
  .object({
    agent_id: z.string().min(1).max(128).optional(),
    canned_response: z
      .object({
        id: z.string().regex(/^[0-9]{1,20}$/),
        variables: z.record(z.string(), z.string().max(1024)).optional(),
      })
      .strict()
      .optional(),
    type: z.string().max(32).optional(),
  })
  .passthrough()
  .refine((b) => b.type !== undefined || b.canned_response !== undefined, {
    message: 'give a message type, or canned_response',
    path: ['type'],
  })
  // The send path reads any `status` as mark-as-read; this endpoint only sends (…/read marks read).
  .refine((b) => !('status' in b), { message: 'not a message field: mark read with …/read', path: ['status'] });
export type ReplyBody = z.output<typeof replyBody>;
