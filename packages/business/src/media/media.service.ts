import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { Media } from '@switchboard/db';
import { CONFIG, PrismaService } from '@switchboard/platform';
import type { FastifyRequest } from 'fastify';
import { GraphIds } from '../common/ids';
import { DownloadUrls } from './download-url';
import type { UploadQuery } from './inputs/media.input';
import { mediaUploadError } from './media-errors';
import { MAX_MEDIA_BYTES } from './media-types';
import { renderMedia } from './outputs/media.output';
import { MEDIA_STORAGE, type MediaStorage } from './storage/media-storage';
import { TooLargeError, UploadInspector } from './upload/inspector';
import { type FilePart, readUploadForm } from './upload/upload-form';
import { streamLimit, validateUpload } from './upload/validate-upload';

const DAY_MS = 24 * 3600 * 1000;

interface StoredFile {
  key: string;
  size: number;
  sha256: string;
  head: Buffer;
  partMimeType: string;
  filename?: string;
}

/** Uploaded media of a business: upload, the media object, download and delete (business-phone-numbers/media). */
@Injectable()
export class MediaService {
  readonly urls: DownloadUrls;

  constructor(
    private readonly prisma: PrismaService,
    private readonly ids: GraphIds,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.urls = new DownloadUrls(config.secretKey, config.api.publicUrl, config.business.media.urlTtlSeconds);
  }

  /**
   * Streams the file to storage (hashing as it goes), then checks it; a refused file is removed again. `query`: the
   * parameters the client put in the query string, read as form fields sent before the file.
   */
  async upload(
    businessId: string,
    phoneNumberId: string,
    req: FastifyRequest,
    query: UploadQuery = {},
  ): Promise<{ id: string }> {
    const number = await this.prisma.client.businessNumber.findFirst({ where: { id: phoneNumberId, businessId } });
    if (!number) throw ApiError.notFound(`phone number '${phoneNumberId}'`);
    const id = await this.ids.newGraphId();
    let stored: StoredFile | undefined;
    try {
      const form = await readUploadForm(req, query, async (part) => {
        stored = await this.store(id, part);
        return stored;
      });
      const mimeType = validateUpload(form.fields, stored && { ...stored });
      const file = stored!;
      await this.prisma.client.media.create({
        data: {
          id,
          businessId,
          phoneNumberId,
          mimeType,
          sha256: file.sha256,
          fileSize: file.size,
          filename: file.filename?.slice(0, 240),
          storageKey: file.key,
          expiresAt: new Date(Date.now() + this.config.business.media.retentionDays * DAY_MS),
        },
      });
      return { id };
    } catch (err) {
      if (stored) await this.storage.remove(stored.key).catch(() => undefined);
      throw err;
    }
  }

  /**
   * A file the business device receives from a consumer (being decrypted as it streams), stored as this business's
   * media with the same retention as uploads, so the `messages` webhook can name a media id. If `source` fails — an
   * attachment that does not verify — nothing is stored and the call fails with that error. `head`: the first bytes.
   */
  async storeReceived(
    businessId: string,
    phoneNumberId: string,
    source: Readable,
    mimeType: string,
    filename?: string,
  ): Promise<{ media: Media; head: Buffer }> {
    const id = await this.ids.newGraphId();
    const inspector = new UploadInspector(Number.MAX_SAFE_INTEGER); // bounded by the attachment it comes from
    source.once('error', (err) => inspector.destroy(err));
    inspector.on('error', () => undefined); // reported by storage.put, which may attach after the failure
    await this.storage.put(id, source.pipe(inspector));
    try {
      const media = await this.prisma.client.media.create({
        data: {
          id,
          businessId,
          phoneNumberId,
          mimeType,
          sha256: inspector.digest(),
          fileSize: inspector.size,
          filename: filename?.slice(0, 240),
          storageKey: id,
          expiresAt: new Date(Date.now() + this.config.business.media.retentionDays * DAY_MS),
        },
      });
      return { media, head: inspector.head };
    } catch (err) {
      await this.storage.remove(id).catch(() => undefined);
      throw err;
    }
  }

  /** A live (unexpired) media object of this business, or undefined. */
  async find(businessId: string, id: string): Promise<Media | undefined> {
    const m = await this.prisma.client.media.findFirst({ where: { id, businessId, expiresAt: { gt: new Date() } } });
    return m ?? undefined;
  }

  async read(businessId: string, id: string, phoneNumberId?: string) {
    const m = await this.find(businessId, id);
    if (!m || (phoneNumberId !== undefined && m.phoneNumberId !== phoneNumberId)) return undefined;
    return renderMedia(m, this.urls.create(m.id));
  }

  async remove(businessId: string, id: string, phoneNumberId?: string) {
    const m = await this.find(businessId, id);
    if (!m || (phoneNumberId !== undefined && m.phoneNumberId !== phoneNumberId)) return undefined;
    await this.prisma.client.media.deleteMany({ where: { id, businessId } });
    await this.storage.remove(m.storageKey);
    return { success: true };
  }

  /** The bytes behind a download URL; anything wrong (expired, forged, another business's) is a 404, as at Meta. */
  async download(businessId: string, id: string, expires: number, signature: string) {
    const m = this.urls.verify(id, expires, signature) ? await this.find(businessId, id) : undefined;
    const file = m && (await this.storage.open(m.storageKey));
    if (!m || !file) throw ApiError.notFound(`media '${id}'`);
    return { media: m, ...file };
  }

  private async store(id: string, part: FilePart): Promise<StoredFile> {
    const inspector = new UploadInspector(streamLimit(part.fieldsBefore.type ?? part.mimeType, MAX_MEDIA_BYTES));
    // .pipe() does not forward errors: a client that aborts mid-upload must fail the write too.
    part.stream.once('error', (err) => inspector.destroy(err));
    try {
      await this.storage.put(id, part.stream.pipe(inspector));
    } catch (err) {
      part.stream.resume(); // let the rest of the request drain so the error can be answered
      if (err instanceof TooLargeError)
        throw mediaUploadError(
          `file: larger than the ${err.limit} bytes its type allows (${part.fieldsBefore.type ?? part.mimeType})`,
        );
      throw err;
    }
    const head = inspector.head;
    return {
      key: id,
      size: inspector.size,
      sha256: inspector.digest(),
      head,
      partMimeType: part.mimeType,
      filename: part.filename,
    };
  }
}
