import { z } from 'zod';
import { contactCards } from './contacts.input';
import { caption, chars, location, mediaObject, messageId } from './fields.input';
import { interactive } from './interactive.input';

/**
 * `POST /{phone_number_id}/messages` bodies (messages/send-messages): a message of one `type` (text when omitted,
 * as Meta does), or the mark-as-read form. Shapes only; whether media ids exist, the recipient's window and the
 * template's fit are the send service's checks.
 */
const envelope = {
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.literal('individual').optional(),
  to: z.string().min(1).max(64),
  context: z.object({ message_id: messageId }).optional(),
  biz_opaque_callback_data: chars(512).optional(),
};

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
/**
 * One emoji (a single grapheme, flags and skin tones included), or "" to remove a reaction. Zod runs the refinement
 * even when `max` has failed, and segmenting costs time and memory quadratic in the length (a 200 KB string took an
 * API process past its heap limit): longer strings are left to the `max` error.
 */
const emoji = z
  .string()
  .max(64)
  .refine(
    (e) => e === '' || e.length > 64 || ([...segmenter.segment(e)].length === 1 && EMOJI.test(e)),
    'expected one emoji, or "" to remove the reaction',
  );

const message = <T extends string, S extends z.ZodType>(type: T, content: S) =>
  z.object({ ...envelope, type: z.literal(type), [type]: content } as { type: z.ZodLiteral<T> } & typeof envelope &
    Record<T, S>);

const messageBody = z.discriminatedUnion('type', [
  message('text', z.object({ body: chars(4096), preview_url: z.boolean().optional() })),
  message('image', mediaObject({ caption })),
  message('video', mediaObject({ caption })),
  message('document', mediaObject({ caption, filename: chars(240).optional() })),
  message('audio', mediaObject({ voice: z.boolean().optional() })),
  message('sticker', mediaObject({})),
  message('location', location),
  message('contacts', contactCards),
  message('reaction', z.object({ message_id: messageId, emoji })),
  message('interactive', interactive),
  message(
    'template',
    z.object({
      name: z.string().min(1).max(512),
      language: z.object({ code: z.string().min(1).max(16), policy: z.literal('deterministic').optional() }),
      namespace: z.string().max(128).optional(),
      /** Checked against the template by TemplatesService.resolveForSend (1320xx, or 100 for a bad shape). */
      components: z.unknown().optional(),
    }),
  ),
]);

/** Meta's default type is text: `{"to":…,"text":{…}}` is a text message. */
export const sendMessageBody = z.preprocess(
  (v) => (v && typeof v === 'object' && !Array.isArray(v) && !('type' in v) ? { ...v, type: 'text' } : v),
  messageBody,
);
export type SendMessageBody = z.output<typeof messageBody>;
export type MessageType = SendMessageBody['type'];

/** messages/mark-message-as-read, with the optional typing indicator. */
export const markReadBody = z.object({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: messageId,
  typing_indicator: z.object({ type: z.literal('text') }).optional(),
});
export type MarkReadBody = z.output<typeof markReadBody>;

/** The mark-as-read form is told apart by its `status` field, as the Cloud API does. */
export const isMarkRead = (body: unknown): boolean => !!body && typeof body === 'object' && 'status' in body;
