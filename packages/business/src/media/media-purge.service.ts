import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { purgeExpired } from '@switchboard/core/storage/purge-expired';
import { CONFIG, PrismaService } from '@switchboard/platform';
import { MEDIA_STORAGE, type MediaStorage } from './storage/media-storage';

/**
 * Media ids expire (MEDIA_RETENTION_DAYS, Meta: 30 days): an expired one already answers 404; this removes its row and
 * bytes (purgeExpired), on one node per interval (the `mediaPurge` loop).
 */
@Injectable()
export class MediaPurgeService {
  private readonly log = new Logger('MediaPurge');

  constructor(
    private readonly prisma: PrismaService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

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
