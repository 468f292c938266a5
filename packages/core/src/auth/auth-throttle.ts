import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, RedisService } from '@switchboard/platform';
import { luaScript } from '@switchboard/redis';
import { CoreErrors } from '../common/core-errors';

// KEYS[1] the source's failure counter, KEYS[2] the credential's "known bad" mark. 1: throttled (the source failed
// too often this window); 2: this credential failed lately; 0: go and look it up.
const GATE = `
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then return 1 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 2 end
return 0`;

// Counts a failure against the source (the window starts at its first failure) and marks the credential bad.
const FAILED = `
if redis.call('INCR', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], 60) end
redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
return redis.call('TTL', KEYS[1])`;

export type AuthGate = 'lookup' | 'known-bad';

/**
 * Failed authentication, device credentials and business API keys alike, in Redis so every node shares it: a source
 * address past AUTH_FAILURES_PER_CLIENT_PER_MINUTE failures is refused (429) before any lookup, and a credential that
 * just failed fails again without one for AUTH_NEGATIVE_CACHE_SECONDS. The mark is keyed by the credential itself
 * (an HMAC of it): a newly created key or password has never been tried, so it works at once.
 */
@Injectable()
export class AuthThrottle {
  // Cached scripts (EVALSHA): the gate runs on every device connection and every API request.
  private readonly gateScript: (source: string, mark: string, limit: number) => Promise<number>;
  private readonly failedScript: (source: string, mark: string, ttlSeconds: number) => Promise<number>;

  constructor(
    redis: RedisService,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.gateScript = luaScript(redis.client, 'authGate', GATE, 2);
    this.failedScript = luaScript(redis.client, 'authFailed', FAILED, 2);
  }

  /** Before a lookup: throws 429 for a throttled source; `known-bad` means fail without looking. */
  async gate(source: string | undefined, credential: string): Promise<AuthGate> {
    if (source === undefined) return 'lookup';
    const { failuresPerClientPerMinute } = this.config.core.auth;
    const r = await this.gateScript(sourceKey(source), this.mark(credential), failuresPerClientPerMinute);
    if (r === 1) throw CoreErrors.rateLimited('auth_failures_per_client', 60);
    return r === 2 ? 'known-bad' : 'lookup';
  }

  /** After a failed lookup (or a known-bad credential): counts it and marks the credential. */
  async failed(source: string | undefined, credential: string): Promise<void> {
    if (source === undefined) return;
    await this.failedScript(sourceKey(source), this.mark(credential), this.config.core.auth.negativeCacheSeconds);
  }

  private mark(credential: string): string {
    return `auth:bad:${createHmac('sha256', this.config.secretKey).update(credential).digest('base64url')}`;
  }
}

const sourceKey = (source: string) => `auth:fails:${source}`;
