import type { BusinessMessage } from '@switchboard/db';

/**
 * One message of a conversation's thread, from the business message log: the Cloud API message object as logged (the
 * part under its type's key, and `context` for a quoted reply), with the outbound status (sent ✓, delivered ✓✓, read)
 * and a failed message's Cloud API error.
 */
export function renderThreadMessage(m: BusinessMessage) {
  const payload = (m.payload ?? {}) as Record<string, unknown>;
  const { context: _context, rendered, ...content } = payload;
  return {
    id: m.wamid,
    direction: m.direction,
    type: m.type,
    timestamp: m.createdAt.toISOString(),
    status: m.status,
    ...content,
    ...(rendered !== undefined && { rendered }),
    ...(m.contextWamid && { context: { id: m.contextWamid } }),
    ...(m.error !== null && m.status === 'failed' && { error: m.error }),
    ...(m.contentPurgedAt && { content_purged_time: m.contentPurgedAt.toISOString() }),
  };
}
