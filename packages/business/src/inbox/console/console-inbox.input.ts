import { z } from 'zod';
import { pageQuery } from '../../common/paging';
import { CONVERSATION_STATUSES } from '../conversations/conversation-status';

const id = z.string().min(1).max(64);

export const consoleInboxParams = z.object({ businessId: id });
export const consoleConversationParams = z.object({
  businessId: id,
  conversation_id: z.string().regex(/^[0-9]{1,20}$/),
});
export type ConsoleConversationParams = z.output<typeof consoleConversationParams>;

/** The console's list: `view` mine (assigned to the signed-in agent), unassigned or all. */
export const consoleListQuery = z.object({
  ...pageQuery,
  view: z.enum(['mine', 'unassigned', 'all']).default('all'),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  label: z.string().trim().min(1).max(64).optional(),
});
export type ConsoleListQuery = z.output<typeof consoleListQuery>;

export const consoleNoteBody = z.object({ body: z.string().trim().min(1).max(4096) }).strict();
