import type { NodeOf } from '@switchboard/business/flows/definition/flow-definition';

/** What a consumer's message says to a flow: its text, and the id of the button or row it tapped. */
export interface Answer {
  text: string;
  choiceId?: string;
  /** The wamid of the business message it replies to (`context.id`). */
  contextWamid?: string;
}

type Msg = {
  type?: string;
  text?: { body?: string };
  interactive?: { button_reply?: { id?: string; title?: string }; list_reply?: { id?: string; title?: string } };
  button?: { payload?: string; text?: string };
  context?: { id?: string };
};

export function answerOf(message: unknown): Answer {
  const m = (message ?? {}) as Msg;
  const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
  const contextWamid = m.context?.id;
  if (reply) return { text: reply.title ?? '', choiceId: reply.id, contextWamid };
  if (m.button) return { text: m.button.text ?? '', choiceId: m.button.payload, contextWamid };
  return { text: m.text?.body ?? '', contextWamid };
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;

/** An ask node's check of an answer: the value to keep, or undefined when it must be asked again. */
export function acceptAnswer(node: NodeOf<'ask'>, a: Answer): string | number | undefined {
  const text = a.text.trim();
  if (!text) return undefined;
  switch (node.validate) {
    case 'number': {
      const n = Number(text.replace(',', '.'));
      return Number.isFinite(n) ? n : undefined;
    }
    case 'email':
      return EMAIL.test(text) ? text : undefined;
    case 'choice':
      return node.choices?.find((c) => c.toLowerCase() === text.toLowerCase());
    default:
      return text;
  }
}

/** The port a tap (or a typed title) on a buttons or list node leaves on; undefined when it names none of them. */
export function choicePort(
  node: NodeOf<'buttons'> | NodeOf<'list'>,
  a: Answer,
): { port: string; title: string } | undefined {
  const options = node.type === 'buttons' ? node.buttons : node.rows;
  const hit =
    options.find((o) => a.choiceId !== undefined && o.id === a.choiceId) ??
    options.find((o) => o.title.toLowerCase() === a.text.trim().toLowerCase());
  return hit && { port: hit.id, title: hit.title };
}
