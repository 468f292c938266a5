import { Inject, Injectable } from '@nestjs/common';
import { MediaService } from '@switchboard/business/media/media.service';
import type { MediaKind } from '@switchboard/business/media/media-types';
import { MEDIA_STORAGE, type MediaStorage } from '@switchboard/business/media/storage/media-storage';
import type { RenderedTemplate } from '@switchboard/business/templates/send/rendered-template';
import type { Config } from '@switchboard/config';
import { AttachmentsService } from '@switchboard/core/attachments/attachments.service';
import { ApiError } from '@switchboard/core/errors/api-error';
import { CONFIG } from '@switchboard/platform';
import { AttachmentEncryptor, type AttachmentPointer, pointerOf } from '@switchboard/sdk';
import type { BusinessDeviceRef } from '../business-crypto';
import { forward } from './forward';
import { fetchLink, type MediaSource } from './link-fetch';
import { MediaSendError } from './media-send-error';

type Obj = Record<string, unknown>;
interface MediaObject {
  id?: string;
  link?: string;
  filename?: string;
  [k: string]: unknown;
}

const MEDIA_MESSAGES = new Set<string>(['image', 'video', 'audio', 'document', 'sticker']);

/**
 * Turns the media of a logged message into end-to-end encrypted attachments: the bytes (an uploaded media id, or a
 * `link` fetched now) are encrypted once with a fresh key as they stream, the blob is stored by the core in-process
 * (AttachmentsService, the same path as POST /v1/attachments), and the media
 * object is replaced by the pointer (`{ caption?, filename?, id, key, digest, size, mime_type, file_name? }`) the
 * consumer decrypts with — so one blob serves every device of the consumer. Media messages, a template's media
 * header and an interactive message's media header. A MediaSendError fails the message (131053).
 */
@Injectable()
export class OutboundMedia {
  constructor(
    private readonly media: MediaService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly attachments: AttachmentsService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** The payload with every media object replaced by its attachment pointer (unchanged when it has none). */
  async attach(device: BusinessDeviceRef, businessId: string, type: string, payload: Obj): Promise<Obj> {
    const upload = (kind: MediaKind, m: MediaObject) => this.upload(device, businessId, kind, m);
    if (MEDIA_MESSAGES.has(type)) {
      const { id: _id, link: _link, ...rest } = payload[type] as MediaObject;
      return { ...payload, [type]: { ...rest, ...(await upload(type as MediaKind, payload[type] as MediaObject)) } };
    }
    if (type === 'template') {
      const t = payload.rendered as RenderedTemplate;
      if (!t.header || !('media' in t.header)) return payload;
      const pointer = await upload(t.header.type, t.header.media);
      return { ...payload, rendered: { ...t, header: { type: t.header.type, media: pointer } } };
    }
    if (type === 'interactive') {
      const i = payload.interactive as Obj & { header?: { type: string } & Obj };
      const kind = i.header?.type;
      if (kind !== 'image' && kind !== 'video' && kind !== 'document') return payload;
      const pointer = await upload(kind, i.header![kind] as MediaObject);
      return { ...payload, interactive: { ...i, header: { type: kind, [kind]: pointer } } };
    }
    return payload;
  }

  private async upload(
    device: BusinessDeviceRef,
    businessId: string,
    kind: MediaKind,
    m: MediaObject,
  ): Promise<AttachmentPointer> {
    const source = m.link
      ? await fetchLink(m.link, kind, this.config.business.media.linkTimeoutMs, this.config.outbound.privateNetworks)
      : await this.uploaded(businessId, String(m.id));
    // Streamed: file → encryptor → the core's attachment storage; nothing is held in memory but a few chunks.
    const encryptor = source.pipeTo(new AttachmentEncryptor());
    let stored: { id: string };
    try {
      stored = await this.attachments.storeStream(device.accountId, encryptor);
    } catch (err) {
      source.discard();
      if (err instanceof ApiError && err.status === 413)
        throw new MediaSendError(
          `the encrypted file is larger than ATTACHMENT_MAX_BYTES (${this.attachments.maxBytes})`,
        );
      throw err;
    }
    const fileName = m.filename ?? (kind === 'document' ? source.fileName : undefined);
    return pointerOf(stored.id, encryptor.sealed(), {
      mime_type: source.mimeType,
      ...(fileName && { file_name: fileName }),
    });
  }

  /** The bytes of an uploaded media id, which may have been deleted or expired since the send was accepted. */
  private async uploaded(businessId: string, id: string): Promise<MediaSource> {
    const m = await this.media.find(businessId, id);
    const file = m && (await this.storage.open(m.storageKey));
    if (!m || !file) throw new MediaSendError(`media id ${id} no longer exists (deleted or expired)`);
    return {
      pipeTo: (target) => forward(file.stream, target),
      discard: () => file.stream.destroy(),
      mimeType: m.mimeType,
      ...(m.filename && { fileName: m.filename }),
    };
  }
}
