import type { RenderedTemplate } from '@switchboard/business/templates/send/rendered-template';

/** What the consumer device gets inside the Signal message (SDK content.ts): readable text + structured `rich`. */
export interface RenderedContent {
  text: string;
  rich: Record<string, unknown>;
}

export class UnsupportedContentError extends Error {}

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const lines = (...parts: (string | undefined)[]) => parts.filter((p) => p).join('\n\n');

/**
 * A logged message (`BusinessMessage.payload`: `{ [type]: object, context?, rendered? }`) as the consumer sees it.
 * `rich` is `{ type, [type]: … , context?: { id } }` — the Cloud API object, with a template replaced by its rendering
 * and context/reaction ids given as the core message ids the consumer knows (`ids` maps a wamid to one). Media
 * objects must already be attachment pointers (OutboundMedia.attach).
 */
export function renderContent(type: string, payload: Obj, ids: (wamid: string) => string | undefined): RenderedContent {
  const body = (payload[type] ?? {}) as Obj;
  const context = payload.context as { message_id?: string } | undefined;
  const contextId = context?.message_id ? ids(context.message_id) : undefined;
  const rich = (extra: Obj): Obj => ({ type, ...extra, ...(contextId && { context: { id: contextId } }) });
  switch (type) {
    case 'text':
      return { text: str(body.body), rich: rich({ text: body }) };
    case 'template': {
      const t = payload.rendered as RenderedTemplate;
      const { templateId: _id, ...template } = t;
      const header = t.header?.type === 'text' ? t.header.text : undefined;
      return { text: lines(header, t.body, t.footer), rich: rich({ template }) };
    }
    case 'interactive': {
      const header = (body.header as Obj | undefined)?.text;
      const text = lines(
        str(header),
        str((body.body as Obj | undefined)?.text),
        str((body.footer as Obj | undefined)?.text),
      );
      return { text, rich: rich({ interactive: body }) };
    }
    case 'location':
      return {
        text: lines(str(body.name), str(body.address)) || `${body.latitude},${body.longitude}`,
        rich: rich({ location: body }),
      };
    case 'contacts':
      return { text: '', rich: rich({ contacts: body }) };
    case 'reaction': {
      const target = ids(str(body.message_id));
      if (!target) throw new UnsupportedContentError('reaction: the message reacted to is unknown to the consumer');
      return { text: str(body.emoji), rich: rich({ reaction: { message_id: target, emoji: str(body.emoji) } }) };
    }
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      // By now the media object is the attachment pointer (OutboundMedia), caption and filename beside it.
      if (typeof body.key !== 'string') throw new UnsupportedContentError(`${type}: the media was not attached`);
      return { text: str(body.caption), rich: rich({ [type]: body }) };
    default:
      throw new UnsupportedContentError(`${type} messages are not supported by the business device`);
  }
}
