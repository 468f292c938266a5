import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PrismaService } from '@switchboard/platform';
import type { BlobStorage } from '../storage/blob-storage';
import { AttachmentErrors } from './attachment-errors';
import { ATTACHMENT_STORAGE } from './attachment-storage';
import { ByteLimit, TooLargeError } from './byte-limit';
import { ATTACHMENT_ID } from './inputs/attachment.input';

const DAY_MS = 24 * 3600 * 1000;

export interface StoredAttachment {
  id: string;
  size: number;
  expiresAt: Date;
}

/**
 * Encrypted attachments (docs/core.md "Attachments"): devices upload a blob they encrypted with a key only the
 * conversation knows, and fetch blobs by the id a message gave them. The server stores opaque bytes, their size and
 * expiry — nothing about what they are or who may read them (any device holding the id and the key).
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: BlobStorage,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  get maxBytes(): number {
    return this.config.core.attachments.maxBytes;
  }

  /**
   * A device's upload (POST /v1/attachments): streams `source` to storage, cut off above ATTACHMENT_MAX_BYTES, then
   * records it. The file is durable before its row exists, so an id handed out always has bytes behind it. A request
   * that breaks off is the client's problem (400), not the server's.
   */
  async store(uploaderAccountId: string, source: Readable, expiresInS?: number): Promise<StoredAttachment> {
    return this.write(uploaderAccountId, source, () => AttachmentErrors.interrupted(), expiresInS);
  }

  /**
   * The in-process upload of the business device: the same path, but a failing source (an encryptor over a file
   * being fetched) fails the call with its own error.
   */
  storeStream(uploaderAccountId: string, source: Readable): Promise<StoredAttachment> {
    return this.write(uploaderAccountId, source, (err) => err);
  }

  private async write(
    uploaderAccountId: string,
    source: Readable,
    sourceError: (err: Error) => Error,
    expiresInS?: number,
  ): Promise<StoredAttachment> {
    const id = randomUUID();
    const limit = new ByteLimit(this.maxBytes);
    let failed: Error | undefined;
    // .pipe() does not forward errors: a source that fails mid-way must fail the write too.
    source.once('error', (err) => {
      failed = err;
      limit.destroy(err);
    });
    // A source may fail before storage.put has attached to `limit` (it creates directories first): put still sees
    // the destroyed stream and rejects; this keeps the error from being an unhandled 'error' event meanwhile.
    limit.on('error', () => undefined);
    try {
      await this.storage.put(id, source.pipe(limit));
    } catch (err) {
      source.unpipe(limit);
      source.resume(); // drain what is left so the error can be answered
      if (err instanceof TooLargeError) throw AttachmentErrors.tooLarge(this.maxBytes);
      if (failed) throw sourceError(failed);
      if (source.readableAborted) throw AttachmentErrors.interrupted();
      throw err;
    }
    if (limit.size === 0) {
      await this.storage.remove(id);
      throw AttachmentErrors.empty();
    }
    const ttlMs = Math.min(
      this.config.core.attachments.ttlDays * DAY_MS,
      (expiresInS ?? Number.POSITIVE_INFINITY) * 1000,
    );
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.prisma.client.attachment.create({ data: { id, uploaderAccountId, size: limit.size, expiresAt } });
    return { id, size: limit.size, expiresAt };
  }

  /** A live attachment's bytes, or undefined for an unknown, malformed or expired id. */
  async open(id: string): Promise<{ stream: Readable; size: number } | undefined> {
    if (!ATTACHMENT_ID.test(id)) return undefined;
    const row = await this.prisma.client.attachment.findFirst({ where: { id, expiresAt: { gt: new Date() } } });
    return row ? this.storage.open(id) : undefined;
  }
}
