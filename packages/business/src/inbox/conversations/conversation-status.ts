/**
 * A conversation's status as data: every move is a row of TRANSITIONS, so what an inbound message or an agent's
 * action does to a conversation can be read (and tested) in one place.
 *  - open: someone should answer; pending: waiting on the contact or a bot; snoozed: out of sight until
 *    `snoozedUntil` or the next inbound message; resolved: done, until the contact writes again.
 */
export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** inbound: the contact wrote; wake: a snooze's time came; the rest are an agent's requests. */
export type ConversationEvent = 'inbound' | 'wake' | 'open' | 'pend' | 'snooze' | 'resolve';

const TRANSITIONS: Record<ConversationStatus, Partial<Record<ConversationEvent, ConversationStatus>>> = {
  open: { inbound: 'open', open: 'open', pend: 'pending', snooze: 'snoozed', resolve: 'resolved' },
  // A contact answering a pending conversation keeps it pending: whoever it waits on (a bot, a form) goes on.
  pending: { inbound: 'pending', open: 'open', pend: 'pending', snooze: 'snoozed', resolve: 'resolved' },
  // Any message wakes a snooze, timed or not: a customer who writes again must not wait for the timer.
  snoozed: { inbound: 'open', wake: 'open', open: 'open', pend: 'pending', snooze: 'snoozed', resolve: 'resolved' },
  resolved: { inbound: 'open', open: 'open', resolve: 'resolved' },
};

/** The status after `event`, or undefined when the move is not allowed from `from`. */
export function nextStatus(from: ConversationStatus, event: ConversationEvent): ConversationStatus | undefined {
  return TRANSITIONS[from]?.[event];
}

/** The agent's event that asks for `to`. */
export function eventFor(to: ConversationStatus): ConversationEvent {
  return ({ open: 'open', pending: 'pend', snoozed: 'snooze', resolved: 'resolve' } as const)[to];
}

/** Statuses that count against an agent's capacity: conversations still being worked on. */
export const ACTIVE_STATUSES: readonly ConversationStatus[] = ['open', 'pending'];
