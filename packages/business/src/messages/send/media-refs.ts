import type { MediaKind } from '../../media/media-types';
import type { RenderedTemplate } from '../../templates/send/rendered-template';
import type { SendMessageBody } from '../inputs/send-message.input';

/** An uploaded media id a send refers to, with the field that names it and the kind of media it must be. */
export interface MediaRef {
  field: string;
  id: string;
  kind: MediaKind;
  /** audio with `voice: true`: must be Ogg/Opus. */
  voice?: boolean;
}

const MEDIA_MESSAGES = new Set(['image', 'video', 'document', 'audio', 'sticker']);

/** Every uploaded media id in a message (links are fetched by the send pipeline and not checked here). */
export function mediaRefs(msg: SendMessageBody): MediaRef[] {
  if (MEDIA_MESSAGES.has(msg.type)) {
    const type = msg.type as MediaKind;
    const media = (msg as unknown as Record<string, { id?: string; voice?: boolean }>)[type]!;
    return media.id ? [{ field: `${type}.id`, id: media.id, kind: type, voice: media.voice }] : [];
  }
  if (msg.type === 'interactive' && 'header' in msg.interactive && msg.interactive.header) {
    const h = msg.interactive.header;
    if (h.type === 'text') return [];
    const media = h.type === 'image' ? h.image : h.type === 'video' ? h.video : h.document;
    return media.id ? [{ field: `interactive.header.${h.type}.id`, id: media.id, kind: h.type }] : [];
  }
  return [];
}

/** The header media of a rendered template, when it is an uploaded id. */
export function templateMediaRefs(t: RenderedTemplate): MediaRef[] {
  const h = t.header;
  if (!h || !('media' in h) || !h.media.id) return [];
  return [{ field: `template.components: header ${h.type} id`, id: h.media.id, kind: h.type }];
}
