import type { FlowNode } from '@switchboard/business/flows/definition/flow-definition';

/**
 * The Cloud API send body of a node that sends (the prompt of a question too). `text` is the node's text (or the
 * re-prompt) already filled; `fill` fills the node's other placeholders.
 */
export function sendBody(
  node: FlowNode,
  to: string,
  text: string,
  fill: (s: string) => string,
): Record<string, unknown> | undefined {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
  switch (node.type) {
    case 'buttons':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text },
          action: { buttons: node.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })) },
        },
      };
    case 'list':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text },
          action: {
            button: node.button,
            sections: [
              {
                title: node.button.slice(0, 24),
                rows: node.rows.map((r) => ({
                  id: r.id,
                  title: r.title,
                  ...(r.description && { description: r.description }),
                })),
              },
            ],
          },
        },
      };
    case 'cta_url':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'cta_url',
          ...(node.header && { header: { type: 'text', text: fill(node.header) } }),
          body: { text },
          ...(node.footer && { footer: { text: fill(node.footer) } }),
          action: { name: 'cta_url', parameters: { display_text: node.display_text, url: fill(node.url) } },
        },
      };
    case 'ask_location':
      return {
        ...base,
        type: 'interactive',
        interactive: { type: 'location_request_message', body: { text }, action: { name: 'send_location' } },
      };
    case 'media': {
      const source = node.media_id !== undefined ? { id: node.media_id } : { link: fill(node.link ?? '') };
      return {
        ...base,
        type: node.media_type,
        [node.media_type]: {
          ...source,
          ...(node.caption !== undefined && { caption: fill(node.caption) }),
          ...(node.filename !== undefined && { filename: fill(node.filename) }),
        },
      };
    }
    case 'location':
      return {
        ...base,
        type: 'location',
        location: {
          latitude: node.latitude,
          longitude: node.longitude,
          ...(node.name !== undefined && { name: fill(node.name) }),
          ...(node.address !== undefined && { address: fill(node.address) }),
        },
      };
    case 'template':
      return { ...base, type: 'template', template: { name: node.name, language: { code: node.language } } };
    default:
      return text ? { ...base, type: 'text', text: { body: text } } : undefined;
  }
}

/** Nodes whose step is sending one message and moving on (`next`, or `error` when the send fails). */
export const SENDING = new Set<FlowNode['type']>(['send_text', 'template', 'media', 'cta_url', 'location']);
