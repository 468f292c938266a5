import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ClusterInterval, PrismaService, RedisService } from '@switchboard/platform';
import type { BlobStorage } from '../storage/blob-storage';
import { purgeExpired } from '../storage/purge-expired';
import { ATTACHMENT_STORAGE } from './attachment-storage';

const EVERY_MS = 15 * 60 * 1000;
const LOCK_KEY = 'attachments:purge-lock';

/**
 * Attachments expire ATTACHMENT_TTL_DAYS after upload: an expired one already answers 404; this removes its row and
 * blob (purgeExpired), on one node per interval (ClusterInterval).
 */
@Injectable()
export class AttachmentPurgeService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('AttachmentPurge');
  private ticker?: ClusterInterval;

  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: BlobStorage,
  ) {}

  onApplicationBootstrap(): void {
    this.ticker = new ClusterInterval(this.redis.client, LOCK_KEY, EVERY_MS, () => this.purge(new Date()), this.log);
    this.ticker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ticker?.stop();
  }

  /** Removes attachments that expired before `now`; returns how many. */
  async purge(now: Date): Promise<number> {
    const db = this.prisma.client.attachment;
    const total = await purgeExpired(
      this.storage,
      async (take) =>
        (await db.findMany({ where: { expiresAt: { lte: now } }, select: { id: true }, take })).map((a) => ({
          id: a.id,
          key: a.id,
        })),
      (ids) => db.deleteMany({ where: { id: { in: ids } } }),
    );
    if (total) this.log.log(`removed ${total} expired attachment(s)`);
    return total;
  }
}
