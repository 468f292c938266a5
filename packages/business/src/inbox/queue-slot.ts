import type { ConversationStatus } from './conversations/conversation-status';

/**
 * Where a conversation stands in the unassigned queue after a change: an open conversation nobody holds waits, keeping
 * its place if it already had one (first come, first served); any other conversation is out of the queue.
 */
export function queueSlot(status: ConversationStatus, assigneeId: string | null, queuedAt: Date | null, now: Date) {
  return status === 'open' && assigneeId === null ? (queuedAt ?? now) : null;
}
