/**
 * A consumer's message as the Cloud API `messages[]` entry (without from/id/timestamp), from the SDK content. `media`
 * is a media message's resolved form (InboundMedia: the stored media object, or the 131052 unsupported form).
 */
export function cloudMessage(
  text: string,
  rich: Record<string, unknown> | undefined,
  wamidOf: (coreId: string) => string | undefined,
  media?: Record<string, unknown>,
): Record<string, unknown> {
  const type = typeof rich?.type === 'string' ? rich.type : 'text';
  const contextId = (rich?.context as { id?: string } | undefined)?.id;
  const context = contextId && wamidOf(contextId) ? { context: { id: wamidOf(contextId) } } : {};
  const body = (rich?.[type] ?? {}) as Record<string, unknown>;
  switch (type) {
    case 'interactive': {
      const kind = body.type === 'list_reply' ? 'list_reply' : 'button_reply';
      const reply = (body[kind] ?? {}) as { id?: string; title?: string; description?: string };
      return { type, interactive: { type: kind, [kind]: reply }, ...context };
    }
    case 'button':
      return { type, button: { payload: body.payload, text: body.text ?? text }, ...context };
    case 'location':
      return { type, location: body, ...context };
    case 'reaction': {
      const target = wamidOf(String(body.message_id ?? ''));
      return { type, reaction: { message_id: target ?? '', emoji: body.emoji ?? text } };
    }
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return { ...(media ?? { type: 'text', text: { body: text } }), ...context };
    default:
      return { type: 'text', text: { body: text }, ...context };
  }
}
