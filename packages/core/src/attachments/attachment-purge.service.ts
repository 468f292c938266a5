import { Inject, Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import type { BlobStorage } from '../storage/blob-storage';
import { purgeExpired } from '../storage/purge-expired';
import { ATTACHMENT_STORAGE } from './attachment-storage';

/**
 * Attachments expire ATTACHMENT_TTL_DAYS after upload: an expired one already answers 404; this removes its row and
 * blob (purgeExpired), on one node per interval (the `attachmentPurge` loop).
 */
@Injectable()
export class AttachmentPurgeService {
  private readonly log = new Logger('AttachmentPurge');

  constructor(
    private readonly prisma: PrismaService,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: BlobStorage,
  ) {}

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
