import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PrismaService } from '@switchboard/platform';
import type { BlobStorage } from '../../storage/blob-storage';
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
   * Streams `source` to storage, cut off above ATTACHMENT_MAX_BYTES, then records it. The file is durable before
   * its row exists, so an id handed out always has bytes behind it.
   */
  async store(uploaderAccountId: string, source: Readable): Promise<StoredAttachment> {
    const id = randomUUID();
    const limit = new ByteLimit(this.maxBytes);
    let sourceFailed = false;
    // .pipe() does not forward errors: a client that aborts mid-upload must fail the write too.
    source.once('error', (err) => {
      sourceFailed = true;
      limit.destroy(err);
    });
    try {
      await this.storage.put(id, source.pipe(limit));
    } catch (err) {
      source.unpipe(limit);
      source.resume(); // drain what is left so the error can be answered
      if (err instanceof TooLargeError) throw AttachmentErrors.tooLarge(this.maxBytes);
      if (sourceFailed || source.readableAborted) throw AttachmentErrors.interrupted();
      throw err;
    }
    if (limit.size === 0) {
      await this.storage.remove(id);
      throw AttachmentErrors.empty();
    }
    const expiresAt = new Date(Date.now() + this.config.core.attachments.ttlDays * DAY_MS);
    await this.prisma.client.attachment.create({ data: { id, uploaderAccountId, size: limit.size, expiresAt } });
    return { id, size: limit.size, expiresAt };
  }

  /** The in-process upload of the business device: the same path as a device's POST /v1/attachments. */
  storeBytes(uploaderAccountId: string, blob: Uint8Array): Promise<StoredAttachment> {
    return this.store(uploaderAccountId, Readable.from([Buffer.from(blob.buffer, blob.byteOffset, blob.length)]));
  }

  /** A live attachment's bytes, or undefined for an unknown, malformed or expired id. */
  async open(id: string): Promise<{ stream: Readable; size: number } | undefined> {
    if (!ATTACHMENT_ID.test(id)) return undefined;
    const row = await this.prisma.client.attachment.findFirst({ where: { id, expiresAt: { gt: new Date() } } });
    return row ? this.storage.open(id) : undefined;
  }

  /** The whole blob in memory (the business device decrypts it at once), or undefined as for `open`. */
  async read(id: string): Promise<Buffer | undefined> {
    const file = await this.open(id);
    if (!file) return undefined;
    if (file.size > this.maxBytes) {
      file.stream.destroy();
      return undefined;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}
