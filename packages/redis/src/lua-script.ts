import type { Redis } from 'ioredis';

export type ScriptArg = string | number | Buffer;

// What each connection carries, so a second definition under a taken name with other Lua fails instead of silently
// running the first one.
const defined = new WeakMap<Redis, Map<string, string>>();

/**
 * A Lua script as a command of `redis`, run by EVALSHA: ioredis' defineCommand sends the script's SHA1 and falls back
 * to EVAL (the full text) only on NOSCRIPT — a restarted or flushed Redis — so a hot path (every device connection,
 * every API request's auth gate) does not ship the script on every call. KEYS get the connection's keyPrefix like
 * any other command's keys. Without `numberOfKeys` the caller passes the key count first.
 * Several apps in one process (tests) may share a connection: defining the same script again reuses it.
 */
export function luaScript<R>(
  redis: Redis,
  name: string,
  lua: string,
  numberOfKeys?: number,
): (...args: ScriptArg[]) => Promise<R> {
  const scripts = defined.get(redis) ?? new Map<string, string>();
  defined.set(redis, scripts);
  const existing = scripts.get(name);
  if (existing === undefined) {
    redis.defineCommand(name, numberOfKeys === undefined ? { lua } : { numberOfKeys, lua });
    scripts.set(name, lua);
  } else if (existing !== lua) {
    throw new Error(`Redis script "${name}" is already defined with other Lua on this connection`);
  }
  const command = (redis as unknown as Record<string, (...args: ScriptArg[]) => Promise<R>>)[name]!;
  return (...args) => command.apply(redis, args);
}
