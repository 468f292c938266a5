import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { purgeExpired } from '@switchboard/core/storage/purge-expired';
import { ClusterInterval, CONFIG, PrismaService, RedisService } from '@switchboard/platform';
import { MEDIA_STORAGE, type MediaStorage } from './storage/media-storage';

const EVERY_MS = 15 * 60 * 1000;
const LOCK_KEY = 'media:purge-lock';

/**
 * Media ids expire (MEDIA_RETENTION_DAYS, Meta: 30 days): an expired one already answers 404; this removes its row and
 * bytes (purgeExpired), on one node per interval (ClusterInterval).
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
    const db = this.prisma.client.media;
    const total = await purgeExpired(
      this.storage,
      async (take) =>
        (await db.findMany({ where: { expiresAt: { lte: now } }, select: { id: true, storageKey: true }, take })).map(
          (m) => ({ id: m.id, key: m.storageKey }),
        ),
      (ids) => db.deleteMany({ where: { id: { in: ids } } }),
    );
    if (total) this.log.log(`removed ${total} expired media file(s) from ${this.config.business.media.dir}`);
    return total;
  }
}
