import { z } from 'zod';
import { GRAPH_ID, INT8_MAX } from '../../../common/ids';
import { pageQuery } from '../../../common/paging';

// Event ids are Postgres bigints: a longer number cannot name one, and must not reach the query as one. Zod runs the
// refinement even when the pattern failed, so it checks the pattern again before BigInt (which throws on "abc").
const EVENT_ID = /^[0-9]{1,19}$/;
const eventId = z
  .string()
  .regex(EVENT_ID, 'expected an event id')
  .refine((s) => !EVENT_ID.test(s) || BigInt(s) <= INT8_MAX, 'expected an event id');
const subscriptionId = z.string().regex(GRAPH_ID, 'expected a subscription id');

/** A point in time as Graph takes it (Unix seconds) or as an ISO 8601 string. */
const instant = z.union([
  z
    .number()
    .int()
    .min(0)
    .transform((s) => new Date(s * 1000)),
  z
    .string()
    .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}/, 'expected Unix seconds or an ISO 8601 time')
    .transform((s, ctx) => {
      const d = new Date(s);
      if (Number.isNaN(d.getTime())) ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 time' });
      return d;
    }),
  z
    .string()
    .regex(/^[0-9]{1,12}$/, 'expected Unix seconds or an ISO 8601 time')
    .transform((s) => new Date(Number(s) * 1000)),
]);

export const eventParams = z.object({ waba_id: z.string(), event_id: eventId });
export type EventParams = z.infer<typeof eventParams>;

export const listEventsQuery = z.object({
  ...pageQuery,
  state: z.enum(['pending', 'delivered', 'failed', 'cancelled']).optional(),
  field: z.string().max(64).optional(),
  subscription_id: subscriptionId.optional(),
});
export type ListEventsQuery = z.infer<typeof listEventsQuery>;

export const replayEventBody = z.object({ subscription_id: subscriptionId.optional() }).default({});
export type ReplayEventBody = z.infer<typeof replayEventBody>;

export const replayFailedBody = z
  .object({ since: instant, until: instant.optional(), subscription_id: subscriptionId.optional() })
  .refine((b) => !b.until || b.until > b.since, { message: 'must be after since', path: ['until'] });
export type ReplayFailedBody = z.infer<typeof replayFailedBody>;
