import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { ClusterInterval, CONFIG, RedisService } from '@switchboard/platform';
import { MailboxPurgeRepository } from './mailbox-purge.repository';

const BATCH = 5_000;
const LOCK_KEY = 'mailbox:purge-lock';

/**
 * Time is the only thing that removes an undelivered envelope (never a count cap): every MAILBOX_PURGE_INTERVAL one
 * node (whichever takes the Redis lock) deletes messages older than the TTL, and forgets delivered messages whose
 * de-duplication window has passed. In bounded batches, so a large backlog never holds long locks.
 */
@Injectable()
export class MailboxPurgeService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('MailboxPurge');
  private ticker?: ClusterInterval;

  constructor(
    private readonly repo: MailboxPurgeRepository,
    private readonly redis: RedisService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    this.ticker = new ClusterInterval(
      this.redis.client,
      LOCK_KEY,
      this.config.messaging.purgeIntervalSeconds * 1000,
      () => this.purge(Date.now()),
      this.log,
    );
    this.ticker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ticker?.stop();
  }

  /** One pass at time `now`. Returns how many messages went, for tests and logs. */
  async purge(now: number): Promise<{ expired: number; forgotten: number }> {
    const { envelopeTtlSeconds, sendDedupSeconds } = this.config.messaging;
    const expired = await inBatches(() => this.repo.deleteExpired(now - envelopeTtlSeconds * 1000, BATCH));
    // Delivered messages younger than the window are kept for de-duplication; those delivered after it had passed were
    // deleted at their ack already. So only the last window's worth of older ones needs looking at.
    const to = now - sendDedupSeconds * 1000;
    const forgotten = await inBatches(() => this.repo.deleteDelivered(to - sendDedupSeconds * 1000, to, BATCH));
    if (expired || forgotten) this.log.log(`purged ${expired} expired and ${forgotten} delivered messages`);
    return { expired, forgotten };
  }
}

async function inBatches(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await step();
    total += n;
    if (n < BATCH) return total;
  }
}
