import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { MessagingLimitTier, Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { LimitsRedis, limitKeys } from '../scripts/limits-redis';
import { MESSAGING_LIMIT_WINDOW_MS, tierLimit } from '../tiers/tiers';
import { forgetInitiated, initiatedSince } from './initiated-contacts.repository';

/** How long one rebuild may hold the lock, and how long a check waits for another node's rebuild. */
const LOCK_MS = 30_000;
const WAIT_MS = 15_000;

/**
 * The messaging limit per business: unique consumers contacted outside a window in the rolling 24 h, counted in a
 * Redis sorted set (fast, shared by every node) whose truth is Postgres' BusinessInitiatedContact (written in the
 * statement that accepts each such message). When the set is missing it is rebuilt from the rows of the last 24 h
 * before any check: one rebuild per business at a time across the cluster (a Redis lock), and within a process
 * concurrent checks share it.
 */
@Injectable()
export class MessagingLimit {
  private readonly rebuilding = new Map<string, Promise<void>>();

  constructor(
    private readonly redis: LimitsRedis,
    private readonly prisma: PrismaService,
  ) {}

  /** One wait per wa_id (0 = allowed and counted, else ms until budget frees up). TIER_UNLIMITED never asks Redis. */
  async check(businessId: string, tier: MessagingLimitTier, waIds: string[]): Promise<number[]> {
    if (tier === 'TIER_UNLIMITED' || !waIds.length) return waIds.map(() => 0);
    for (let attempt = 0; ; attempt++) {
      const out = await this.redis.scripts.limitsUnsolicited(
        limitKeys.unsolicited(businessId),
        limitKeys.loaded(businessId),
        tierLimit(tier),
        MESSAGING_LIMIT_WINDOW_MS,
        ...waIds,
      );
      if (out[0] !== -1) return out;
      if (attempt === 2) throw new Error(`messaging limit of business ${businessId}: the set would not load`);
      await this.ensureLoaded(businessId);
    }
  }

  /**
   * Gives a consumer's place back: Meta counts the consumers a business delivers to, and a template accepted for a
   * number with no account was counted though nothing can ever reach it. Its Postgres row goes in the caller's
   * transaction; after the commit, `evict` takes it out of the Redis set (a rebuild in between reads the commit).
   */
  async forget(tx: Prisma.TransactionClient, businessId: string, waId: string): Promise<void> {
    await forgetInitiated(tx, businessId, waId);
  }

  async evict(businessId: string, waId: string): Promise<void> {
    await this.redis.client.zrem(limitKeys.unsolicited(businessId), waId);
  }

  /** Resolves once the business's set is in Redis (rebuilt here, or by whichever node holds the lock). */
  ensureLoaded(businessId: string): Promise<void> {
    let pending = this.rebuilding.get(businessId);
    if (!pending) {
      pending = this.rebuild(businessId).finally(() => this.rebuilding.delete(businessId));
      this.rebuilding.set(businessId, pending);
    }
    return pending;
  }

  private async rebuild(businessId: string): Promise<void> {
    const { client, scripts } = this.redis;
    const deadline = Date.now() + WAIT_MS;
    const token = randomUUID();
    for (;;) {
      if (await client.exists(limitKeys.loaded(businessId))) return;
      if (await client.set(limitKeys.loading(businessId), token, 'PX', LOCK_MS, 'NX')) {
        try {
          const rows = await initiatedSince(this.prisma.client, businessId, MESSAGING_LIMIT_WINDOW_MS);
          const pairs = rows.flatMap((r) => [Math.floor(r.ms), r.waId]);
          await scripts.limitsLoad(
            limitKeys.unsolicited(businessId),
            limitKeys.loaded(businessId),
            MESSAGING_LIMIT_WINDOW_MS,
            ...pairs,
          );
        } finally {
          await client.del(limitKeys.loading(businessId)).catch(() => undefined);
        }
        return;
      }
      if (Date.now() > deadline) throw new Error(`messaging limit of business ${businessId}: rebuild timed out`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
