import type { Conversation } from '@switchboard/db';
import { windowClosesAt } from '../../contacts/service-window';

/** A conversation as the inbox endpoints show it; `window` is the 24-hour window a free-form reply needs. */
export function renderConversation(c: Conversation, now = Date.now()) {
  const closes = windowClosesAt(c.lastInboundAt);
  const open = closes !== null && closes > now;
  return {
    id: c.id,
    phone_number_id: c.phoneNumberId,
    wa_id: c.waId,
    status: c.status,
    snoozed_until: c.snoozedUntil?.toISOString() ?? null,
    priority: c.priority,
    labels: c.labels,
    assignee: c.assigneeType && c.assigneeId ? { type: c.assigneeType, id: c.assigneeId } : null,
    team: c.team,
    unread_count: c.unreadCount,
    last_inbound_time: c.lastInboundAt?.toISOString() ?? null,
    last_message_time: c.lastMessageAt.toISOString(),
    window: {
      open,
      expires_time: open ? new Date(closes).toISOString() : null,
      seconds_left: open ? Math.floor((closes - now) / 1000) : 0,
    },
    created_time: c.createdAt.toISOString(),
  };
}
export type ConversationObject = ReturnType<typeof renderConversation>;
