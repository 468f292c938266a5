import { z } from 'zod';

/**
 * Field shapes shared by the message types (messages/*-messages pages). Lengths are counted in characters (code
 * points), as Meta counts them, not UTF-16 units.
 */
export const chars = (max: number, min = 1) =>
  z
    .string()
    .refine((s) => [...s].length >= min, min === 1 ? 'must not be empty' : `at least ${min} characters`)
    .refine((s) => [...s].length <= max, `at most ${max} characters`);

/** A URL the send pipeline will fetch or the consumer will open: http(s) only. */
export const httpUrl = z
  .string()
  .max(2000)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'expected an http:// or https:// URL');

export const messageId = z.string().min(1).max(256);

/**
 * A media object (image, video, document, audio, sticker; also media headers): an uploaded media `id` or a `link`,
 * exactly one. Which extra fields a type allows is given per type; the id must name this business's media, checked
 * when sending.
 */
export function mediaObject<E extends z.ZodRawShape>(extra: E) {
  return z
    .object({ id: z.string().min(1).max(64).optional(), link: httpUrl.optional(), ...extra })
    .refine((m) => hasOneSource(m as { id?: unknown; link?: unknown }), {
      message: 'give exactly one of id (an uploaded media id) and link',
    });
}

const hasOneSource = (m: { id?: unknown; link?: unknown }) => (m.id === undefined) !== (m.link === undefined);

export const caption = chars(1024).optional();

export const location = z.object({
  latitude: z.coerce.number().min(-90).max(90),
  longitude: z.coerce.number().min(-180).max(180),
  name: chars(1000).optional(),
  address: chars(1000).optional(),
});
