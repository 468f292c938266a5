import type { FlowNode } from '@switchboard/business/flows/definition/flow-definition';

/** The Cloud API send body of a node that sends (the prompt of a question too); `text` already filled. */
export function sendBody(node: FlowNode, to: string, text: string): Record<string, unknown> | undefined {
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
    case 'template':
      return { ...base, type: 'template', template: { name: node.name, language: { code: node.language } } };
    default:
      return text ? { ...base, type: 'text', text: { body: text } } : undefined;
  }
}
