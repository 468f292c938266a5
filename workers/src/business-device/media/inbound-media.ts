import { Injectable, Logger } from '@nestjs/common';
import { MediaService } from '@switchboard/business/media/media.service';
import { isAnimatedWebp } from '@switchboard/business/media/upload/sniff';
import { AttachmentsService } from '@switchboard/core/attachments/attachments.service';
import type { Media } from '@switchboard/db';
import { AttachmentDecryptor, AttachmentIntegrityError, attachmentPointerOf } from '@switchboard/sdk';
import { forward } from './forward';

type Obj = Record<string, unknown>;

export const INBOUND_MEDIA = new Set(['image', 'video', 'audio', 'document', 'sticker']);
const MIME = /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/;

/**
 * A consumer's media message as the business receives it: the blob the pointer names is streamed from the core
 * in-process, decrypted and verified (digest, MAC), and stored as this business's Media — so `GET /{media_id}` and
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
    const file = await this.attachments.open(pointer.id);
    if (!file) return downloadError(type, `attachment ${pointer.id} does not exist or has expired`);
    const bare = pointer.mime_type.split(';')[0]!.trim().toLowerCase();
    const mimeType = MIME.test(bare) ? bare : 'application/octet-stream';
    const fileName = typeof body.filename === 'string' ? body.filename : pointer.file_name;
    let stored: { media: Media; head: Buffer };
    try {
      // Decrypted as it streams into a temporary file; only a blob whose digest and MAC verify becomes media.
      const decryptor = new AttachmentDecryptor({
        key: Buffer.from(pointer.key, 'base64'),
        digest: Buffer.from(pointer.digest, 'base64'),
        size: pointer.size,
      });
      stored = await this.media.storeReceived(
        businessId,
        phoneNumberId,
        forward(file.stream, decryptor),
        mimeType,
        fileName,
      );
    } catch (err) {
      file.stream.destroy();
      if (!(err instanceof AttachmentIntegrityError)) throw err;
      this.log.warn(`inbound attachment ${pointer.id} for ${phoneNumberId}: ${err.message}`);
      return downloadError(type, err.message);
    }
    const { media: m, head } = stored;
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
        ...(type === 'sticker' && { animated: isAnimatedWebp(head) }),
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
