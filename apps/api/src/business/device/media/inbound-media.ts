import { Injectable, Logger } from '@nestjs/common';
import { AttachmentIntegrityError, attachmentPointerOf, decryptAttachment } from '@switchboard/sdk';
import { AttachmentsService } from '../../../core/attachments/attachments.service';
import { MediaService } from '../../media/media.service';
import { isAnimatedWebp } from '../../media/upload/sniff';

type Obj = Record<string, unknown>;

export const INBOUND_MEDIA = new Set(['image', 'video', 'audio', 'document', 'sticker']);
const MIME = /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/;

/**
 * A consumer's media message as the business receives it: the blob the pointer names is read from the core
 * in-process, verified (digest, MAC) and decrypted, and stored as this business's Media — so `GET /{media_id}` and
 * its download URL serve it — and the message becomes Meta's inbound media object
 * (`{ type, [type]: { id, mime_type, sha256, caption?, filename?, voice?, animated? } }`). What cannot be fetched or
 * verified becomes Meta's unsupported form with error 131052 instead of being dropped.
 */
@Injectable()
export class InboundMedia {
  private readonly log = new Logger('BusinessInboundMedia');

  constructor(
    private readonly attachments: AttachmentsService,
    private readonly media: MediaService,
  ) {}

  async receive(businessId: string, phoneNumberId: string, type: string, body: Obj): Promise<Obj> {
    const pointer = attachmentPointerOf(body);
    if (!pointer) return downloadError(type, 'the message carries no valid attachment pointer');
    const blob = await this.attachments.read(pointer.id);
    if (!blob) return downloadError(type, `attachment ${pointer.id} does not exist or has expired`);
    let bytes: Buffer;
    try {
      bytes = decryptAttachment(blob, {
        key: Buffer.from(pointer.key, 'base64'),
        digest: Buffer.from(pointer.digest, 'base64'),
        size: pointer.size,
      });
    } catch (err) {
      if (!(err instanceof AttachmentIntegrityError)) throw err;
      this.log.warn(`inbound attachment ${pointer.id} for ${phoneNumberId}: ${err.message}`);
      return downloadError(type, err.message);
    }
    const bare = pointer.mime_type.split(';')[0]!.trim().toLowerCase();
    const mimeType = MIME.test(bare) ? bare : 'application/octet-stream';
    const fileName = typeof body.filename === 'string' ? body.filename : pointer.file_name;
    const m = await this.media.storeReceived(businessId, phoneNumberId, bytes, mimeType, fileName);
    const caption =
      typeof body.caption === 'string' && type !== 'audio' && type !== 'sticker' ? body.caption : undefined;
    return {
      type,
      [type]: {
        ...(caption !== undefined && { caption }),
        ...(type === 'document' && fileName && { filename: fileName }),
        mime_type: m.mimeType,
        sha256: m.sha256,
        id: m.id,
        ...(type === 'audio' && { voice: body.voice === true }),
        ...(type === 'sticker' && { animated: isAnimatedWebp(bytes.subarray(0, 4096)) }),
      },
    };
  }
}

/** Meta's form for a message whose media could not be downloaded (131052). */
function downloadError(type: string, details: string): Obj {
  return {
    type: 'unsupported',
    errors: [
      {
        code: 131052,
        title: 'Media download error',
        message: 'Media download error',
        error_data: { details: `${type}: ${details}` },
      },
    ],
  };
}
