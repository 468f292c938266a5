import { Injectable } from '@nestjs/common';
import { RedisService } from '@switchboard/platform';
import type { Redis } from '@switchboard/redis';
import { BOOK_LUA, PAIR_MANY_LUA, RESERVE_LUA, TRY_LUA } from './gcra.lua';
import { SEND_CHECK_LUA } from './send-check.lua';
import { LOAD_LUA, UNSOLICITED_LUA } from './unsolicited.lua';

// ioredis' defineCommand runs EVALSHA and falls back to EVAL on NOSCRIPT (a restarted or flushed Redis), and puts the
// connection's key prefix on every KEYS entry, so these keys live under REDIS_PREFIX like all others.
const SCRIPTS = {
  limitsReserve: { numberOfKeys: 1, lua: RESERVE_LUA },
  limitsBook: { numberOfKeys: 1, lua: BOOK_LUA },
  limitsTry: { numberOfKeys: 1, lua: TRY_LUA },
  limitsPairMany: { lua: PAIR_MANY_LUA },
  limitsSendCheck: { lua: SEND_CHECK_LUA },
  limitsUnsolicited: { numberOfKeys: 2, lua: UNSOLICITED_LUA },
  limitsLoad: { numberOfKeys: 2, lua: LOAD_LUA },
} as const;

type Arg = string | number;
interface ScriptedRedis {
  limitsReserve(key: string, intervalMs: Arg, n: Arg): Promise<number>;
  limitsBook(key: string, intervalMs: Arg, n: Arg): Promise<[number, number]>;
  limitsTry(key: string, intervalMs: Arg): Promise<number>;
  /** numkeys first: the key count varies. */
  limitsPairMany(...args: Arg[]): Promise<number[]>;
  limitsSendCheck(...args: Arg[]): Promise<[number, number]>;
  limitsUnsolicited(set: string, marker: string, ...args: Arg[]): Promise<number[]>;
  limitsLoad(set: string, marker: string, ...args: Arg[]): Promise<number>;
}

export const limitKeys = {
  throughput: (phoneNumberId: string) => `limits:mps:${phoneNumberId}`,
  pair: (phoneNumberId: string, waId: string) => `limits:pair:${phoneNumberId}:${waId}`,
  unsolicited: (businessId: string) => `limits:unsolicited:${businessId}`,
  loaded: (businessId: string) => `limits:unsolicited:${businessId}:loaded`,
  loading: (businessId: string) => `limits:unsolicited:${businessId}:loading`,
};

/** The limits' Lua scripts on the process's shared command connection. */
@Injectable()
export class LimitsRedis {
  readonly client: Redis;
  readonly scripts: ScriptedRedis;

  constructor(redis: RedisService) {
    this.client = redis.client;
    this.scripts = redis.client as unknown as ScriptedRedis;
    // Several apps in one process (tests) may share a connection that already carries them.
    for (const [name, def] of Object.entries(SCRIPTS))
      if (typeof (this.client as unknown as Record<string, unknown>)[name] !== 'function')
        this.client.defineCommand(name, def);
  }
}
