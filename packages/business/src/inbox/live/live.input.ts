import { z } from 'zod';

const id = z.string().min(1).max(64);
/** An event number: what EventSource sends back as Last-Event-ID. */
const cursor = z.string().regex(/^\d{1,18}$/, 'an event number');

export const liveParams = z.object({ businessId: id });
export const liveQuery = z.object({ after: cursor.optional() }).strict();
export const typingParams = z.object({ businessId: id, conversation_id: id });
export const typingBody = z.object({ typing: z.boolean() }).strict();
export const presenceBody = z.object({ status: z.enum(['online', 'away']) }).strict();
export { cursor as lastEventId };
