import type { RedisService } from '@switchboard/platform';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';

type Redis = RedisService['client'];

/** Failed sign-ins are counted per account over this window. */
export const ACCOUNT_WINDOW_SECONDS = 15 * 60;
const SIGN_IN_PATH = '/sign-in/email';

const emailOf = (body: unknown) =>
  typeof (body as { email?: unknown })?.email === 'string'
    ? (body as { email: string }).email.trim().toLowerCase()
    : '';

/**
 * Per-account throttling of password sign-ins (Better Auth's own limiter is per source address): after `max` failed
 * tries on one email in ACCOUNT_WINDOW_SECONDS, further tries are refused before the password is even checked, so
 * a guesser spreading over many addresses still gets `max` guesses per window. A success clears the count. Counted in
 * Redis, shared by every API process; unknown emails count the same, so the answer says nothing about who exists.
 */
export function signInThrottle(redis: Redis, prefix: string, max: number) {
  const key = (email: string) => `${prefix}console:sign-in-failures:${email}`;
  return {
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== SIGN_IN_PATH) return;
      const email = emailOf(ctx.body);
      if (!email) return;
      const failures = Number(await redis.get(key(email)));
      if (failures < max) return;
      const ttl = Math.max(1, await redis.ttl(key(email)));
      throw new APIError('TOO_MANY_REQUESTS', {
        code: 'ACCOUNT_THROTTLED',
        message: `Too many failed sign-ins for this account: try again in ${ttl} s`,
      });
    }),
    after: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== SIGN_IN_PATH) return;
      const email = emailOf(ctx.body);
      if (!email) return;
      const returned = ctx.context.returned;
      if (isAPIError(returned) && returned.statusCode === 401) {
        await redis.multi().incr(key(email)).expire(key(email), ACCOUNT_WINDOW_SECONDS, 'NX').exec();
      } else if (!isAPIError(returned)) {
        await redis.del(key(email));
      }
    }),
  };
}

/** Better Auth's per-source limiter, counted in Redis (fixed windows) so every API process shares the budget. */
export function redisRateLimitStorage(redis: Redis, prefix: string) {
  return {
    async consume(key: string, rule: { window: number; max: number }) {
      const k = `${prefix}console:rate:${key}`;
      const replies = (await redis.multi().incr(k).expire(k, rule.window, 'NX').ttl(k).exec()) ?? [];
      const count = Number(replies[0]?.[1]);
      const ttl = Number(replies[2]?.[1]);
      return count <= rule.max ? { allowed: true, retryAfter: null } : { allowed: false, retryAfter: Math.max(1, ttl) };
    },
  };
}
