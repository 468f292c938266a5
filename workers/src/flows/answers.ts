import type { NodeOf } from '@switchboard/business/flows/definition/flow-definition';

/** What a consumer's message says to a flow: its text, and the id of the button or row it tapped. */
export interface Answer {
  text: string;
  choiceId?: string;
  /** The wamid of the business message it replies to (`context.id`). */
  contextWamid?: string;
  /** A media message's stored media id and type. */
  media?: { id: string; type: string };
  /** A shared location pin. */
  location?: Pin;
}

export interface Pin {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

/**
 * The message type of a queued `failed` status for a step's message (FlowInbox.stepFailed): not a consumer's message,
 * but handled in the same queue so it keeps its place among them.
 */
export const STEP_FAILED = 'flow_step_failed';

export interface StepFailure {
  wamid: string;
  /** Null when no run held the contact yet: the turn that sent it had not committed (the step names the run). */
  run_id: string | null;
  error: { code: number; title: string; message?: string } | null;
}

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);

type Msg = {
  type?: string;
  text?: { body?: string };
  interactive?: { button_reply?: { id?: string; title?: string }; list_reply?: { id?: string; title?: string } };
  button?: { payload?: string; text?: string };
  context?: { id?: string };
  location?: { latitude?: unknown; longitude?: unknown; name?: unknown; address?: unknown };
} & Record<string, unknown>;

export function answerOf(message: unknown): Answer {
  const m = (message ?? {}) as Msg;
  const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
  const contextWamid = m.context?.id;
  if (reply) return { text: reply.title ?? '', choiceId: reply.id, contextWamid };
  if (m.button) return { text: m.button.text ?? '', choiceId: m.button.payload, contextWamid };
  if (m.type === 'location' && m.location) {
    const { latitude, longitude, name, address } = m.location;
    const lat = Number(latitude);
    const lng = Number(longitude);
    if (Number.isFinite(lat) && Number.isFinite(lng))
      return {
        text: typeof name === 'string' ? name : '',
        contextWamid,
        location: {
          latitude: lat,
          longitude: lng,
          ...(typeof name === 'string' && { name }),
          ...(typeof address === 'string' && { address }),
        },
      };
  }
  if (m.type && MEDIA_TYPES.has(m.type)) {
    const media = m[m.type] as { id?: string; caption?: string } | undefined;
    if (media?.id) return { text: media.caption ?? '', contextWamid, media: { id: media.id, type: m.type } };
  }
  return { text: m.text?.body ?? '', contextWamid };
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;

/** An ask node's check of an answer: the value to keep, or undefined when it must be asked again. */
export function acceptAnswer(node: NodeOf<'ask'>, a: Answer): string | number | undefined {
  if (node.validate === 'media') return a.media?.id;
  const text = a.text.trim();
  if (!text || a.media || a.location) return undefined;
  switch (node.validate) {
    case 'number': {
      const n = Number(text.replace(',', '.'));
      return Number.isFinite(n) ? n : undefined;
    }
    case 'email':
      return EMAIL.test(text) ? text : undefined;
    case 'phone':
      return phoneDigits(text);
    case 'date':
      return isoDate(text);
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

/** An international phone number's digits ("+1 (555) 010-2030", "0044 20…"), or undefined. */
function phoneDigits(text: string): string | undefined {
  if (!/^[+0-9\s().-]+$/.test(text)) return undefined;
  const digits = text.replace(/[^0-9]/g, '').replace(/^00/, '');
  return /^[1-9][0-9]{6,14}$/.test(digits) ? digits : undefined;
}

/** A calendar date as YYYY-MM-DD, from YYYY-MM-DD or DD/MM/YYYY (also with . or -); undefined if no such day. */
function isoDate(text: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text) ?? /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = m[1]!.length === 4 ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d))
    return undefined;
  return date.toISOString().slice(0, 10);
}
