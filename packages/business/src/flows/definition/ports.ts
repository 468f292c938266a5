import type { FlowNode } from './flow-definition';

/** The ports a node can leave on: each edge's `port` must be one of its `from` node's. */
export function portsOf(node: FlowNode): string[] {
  switch (node.type) {
    // A question's `error`: its prompt could not be sent, or failed later.
    case 'buttons':
      return [...node.buttons.map((b) => b.id), 'next', ...(node.timeout_seconds ? ['timeout'] : []), 'error'];
    case 'list':
      return [...node.rows.map((r) => r.id), 'next', ...(node.timeout_seconds ? ['timeout'] : []), 'error'];
    case 'ask':
    case 'ask_location':
      return ['next', 'invalid', ...(node.timeout_seconds ? ['timeout'] : []), 'error'];
    case 'delay':
    case 'set_attribute':
    case 'opt':
      return ['next'];
    case 'condition':
      return [...node.rules.map((_, i) => `rule:${i}`), 'else'];
    case 'handoff':
    case 'end':
      return [];
    default:
      return ['next', 'error'];
  }
}

/** `{{name}}` placeholders in a text. */
export const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g)].map((m) => m[1]!);
