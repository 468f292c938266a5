import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ClusterInterval, PrismaService, RedisService } from '@switchboard/platform';
import type { BlobStorage } from '../../storage/blob-storage';
import { ATTACHMENT_STORAGE } from './attachment-storage';

const EVERY_MS = 15 * 60 * 1000;
const BATCH = 500;
const LOCK_KEY = 'attachments:purge-lock';

/**
 * Attachments expire ATTACHMENT_TTL_DAYS after upload: an expired one already answers 404; this removes its row and
 * blob. One node per interval (ClusterInterval), bounded batches; rows go first, so a crash between the two leaves
 * an orphan file rather than an id whose bytes are gone.
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
    let total = 0;
    for (;;) {
      const expired = await this.prisma.client.attachment.findMany({
        where: { expiresAt: { lte: now } },
        select: { id: true },
        take: BATCH,
      });
      if (!expired.length) break;
      await this.prisma.client.attachment.deleteMany({ where: { id: { in: expired.map((a) => a.id) } } });
      for (const a of expired) await this.storage.remove(a.id);
      total += expired.length;
      if (expired.length < BATCH) break;
    }
    if (total) this.log.log(`removed ${total} expired attachment(s)`);
    return total;
  }
}
