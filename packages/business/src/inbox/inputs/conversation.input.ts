import { z } from 'zod';
import { pageQuery } from '../../common/paging';
import { CONVERSATION_STATUSES } from '../conversations/conversation-status';

const label = z.string().trim().min(1).max(64);
const userOrBot = z.object({ type: z.enum(['user', 'bot']), id: z.string().trim().min(1).max(128) }).strict();

export const conversationParams = z.object({ waba_id: z.string(), conversation_id: z.string().regex(/^[0-9]{1,20}$/) });
export type ConversationParams = z.output<typeof conversationParams>;

/** GET /{waba_id}/conversations: `assignee` is "unassigned", "user:<id>" or "bot:<id>". */
export const listConversationsQuery = z.object({
  ...pageQuery,
  phone_number_id: z
    .string()
    .regex(/^[0-9]{1,20}$/)
    .optional(),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  label: label.optional(),
  assignee: z
    .string()
    .regex(/^(unassigned|(user|bot):.{1,128})$/, 'expected "unassigned", "user:<id>" or "bot:<id>"')
    .transform((v) => {
      if (v === 'unassigned') return 'unassigned' as const;
      const i = v.indexOf(':');
      return { type: v.slice(0, i), id: v.slice(i + 1) };
    })
    .optional(),
});
export type ListConversationsQuery = z.output<typeof listConversationsQuery>;

export const threadQuery = z.object(pageQuery);
export type ThreadQuery = z.output<typeof threadQuery>;

/** POST …/status. `snoozed_until` only with snoozed; without it the conversation sleeps until the next message. */
export const statusBody = z
  .object({ status: z.enum(CONVERSATION_STATUSES), snoozed_until: z.iso.datetime({ offset: true }).optional() })
  .strict()
  .refine((b) => b.status === 'snoozed' || b.snoozed_until === undefined, {
    message: 'snoozed_until is only for status snoozed',
    path: ['snoozed_until'],
  });
export type StatusBody = z.output<typeof statusBody>;

/** POST …/assignment: `assignee` null puts the conversation back in the unassigned queue. */
export const assignBody = z
  .object({ assignee: userOrBot.nullable(), team: z.string().trim().min(1).max(64).nullable().optional() })
  .strict();
export type AssignBody = z.output<typeof assignBody>;

/** POST /{waba_id}/conversations/{id}: the attributes agents edit. */
export const updateBody = z
  .object({
    priority: z.enum(['none', 'low', 'medium', 'high', 'urgent']).optional(),
    add_labels: z.array(label).max(20).optional(),
    remove_labels: z.array(label).max(20).optional(),
  })
  .strict();
export type UpdateBody = z.output<typeof updateBody>;

export const noteBody = z
  .object({ body: z.string().trim().min(1).max(4096), author_id: z.string().max(128).optional() })
  .strict();
export type NoteBody = z.output<typeof noteBody>;

export const readBody = z.preprocess(
  (v) => v ?? {},
  z.object({ agent_id: z.string().min(1).max(128).optional() }).strict(),
);
