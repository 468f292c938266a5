import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import type { MessagingLimitTier } from '@switchboard/db';
import { CONFIG, PrismaService } from '@switchboard/platform';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * A business's tier and a number's send rate, cached a few seconds per process: both change rarely (the tier review,
 * an operator), and a busy sender must not cost a query per message. A tier raised by the review is seen by every
 * node within TTL_MS.
 */
@Injectable()
export class LimitSettings {
  private readonly tiers = new Cache<MessagingLimitTier>();
  private readonly rates = new Cache<number>();

  constructor(
    private readonly prisma: PrismaService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  tierOf(businessId: string): Promise<MessagingLimitTier> {
    return this.tiers.get(businessId, async () => {
      const b = await this.prisma.client.business.findUnique({
        where: { id: businessId },
        select: { messagingLimitTier: true },
      });
      return b?.messagingLimitTier ?? 'TIER_250';
    });
  }

  rateOf(phoneNumberId: string): Promise<number> {
    return this.rates.get(phoneNumberId, async () => {
      const n = await this.prisma.client.businessNumber.findUnique({
        where: { id: phoneNumberId },
        select: { messagesPerSecond: true },
      });
      return n?.messagesPerSecond ?? this.config.limits.messagesPerSecondDefault;
    });
  }
}

/** The promise is cached, so requests in flight when an entry expires share one lookup; failures are not kept. */
class Cache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expiresAt: number }>();

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    let entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= now) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      entry = { value: load(), expiresAt: now + TTL_MS };
      this.entries.set(key, entry);
      entry.value.catch(() => this.entries.delete(key));
    }
    return entry.value;
  }
}
