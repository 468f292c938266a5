import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { ClusterInterval, CONFIG, PrismaService, RedisService } from '@switchboard/platform';
import { MEDIA_STORAGE, type MediaStorage } from './storage/media-storage';

const EVERY_MS = 15 * 60 * 1000;
const BATCH = 500;
const LOCK_KEY = 'media:purge-lock';

/**
 * Media ids expire (MEDIA_RETENTION_DAYS, Meta: 30 days): an expired one already answers 404; this removes its row and
 * bytes. One node per interval does it (a Redis lock), in bounded batches; rows go first, so a crash between the two
 * leaves an orphan file rather than a row whose bytes are gone.
 */
@Injectable()
export class MediaPurgeService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('MediaPurge');
  private ticker?: ClusterInterval;

  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    this.ticker = new ClusterInterval(this.redis.client, LOCK_KEY, EVERY_MS, () => this.purge(new Date()), this.log);
    this.ticker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ticker?.stop();
  }

  /** Removes media that expired before `now`; returns how many. */
  async purge(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.prisma.client.media.findMany({
        where: { expiresAt: { lte: now } },
        select: { id: true, storageKey: true },
        take: BATCH,
      });
      if (!expired.length) break;
      await this.prisma.client.media.deleteMany({ where: { id: { in: expired.map((m) => m.id) } } });
      for (const m of expired) await this.storage.remove(m.storageKey);
      total += expired.length;
      if (expired.length < BATCH) break;
    }
    if (total) this.log.log(`removed ${total} expired media file(s) from ${this.config.business.media.dir}`);
    return total;
  }
}
