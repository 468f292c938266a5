import type { Config } from '@switchboard/config';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * The one way Switchboard opens Redis. Every key lives under `config.redis.prefix`, so environments and test runs
 * sharing a server never see each other's data.
 *
 * `purpose` names the connection in CLIENT LIST, which is what an operator looks at when connections pile up.
 */
export function createRedis(config: Config, purpose: string, extra: RedisOptions = {}): Redis {
  return new Redis(config.redis.url, {
    keyPrefix: config.redis.prefix,
    connectionName: `switchboard:${purpose}`,
    lazyConnect: false,
    ...extra,
  });
}

/**
 * A connection for BullMQ. BullMQ refuses ioredis' keyPrefix (its Lua scripts build keys themselves), so queues get
 * the environment prefix through their own `prefix` option instead: see `bullPrefix`.
 * Blocking commands need `maxRetriesPerRequest: null`.
 */
export function createBullConnection(config: Config, purpose: string): Redis {
  return new Redis(config.redis.url, { connectionName: `switchboard:${purpose}`, maxRetriesPerRequest: null });
}

export function bullPrefix(config: Config): string {
  return `${config.redis.prefix}bull`;
}

/** Deletes every key under a prefix with SCAN + UNLINK (never KEYS on a shared server). Returns how many went. */
export async function deleteByPrefix(redisUrl: string, prefix: string): Promise<number> {
  if (prefix.length < 3) throw new Error(`refusing to delete keys under the short prefix "${prefix}"`);
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export { luaScript, type ScriptArg } from './lua-script';
export type { Redis };
