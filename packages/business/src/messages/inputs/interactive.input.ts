import { z } from 'zod';
import { chars, httpUrl, mediaObject } from './fields.input';

/**
 * Interactive messages (messages/interactive-*-messages): reply buttons, lists, a call-to-action URL button and a
 * location request. The limits are Meta's: ≤ 3 reply buttons (title ≤ 20, id ≤ 256, both unique), ≤ 10 sections
 * with ≤ 10 rows in total (row id ≤ 200 and unique, title ≤ 24, description ≤ 72, section title ≤ 24, button ≤ 20),
 * header text and footer ≤ 60.
 */
const media = mediaObject({});
const textHeader = z.object({ type: z.literal('text'), text: chars(60) });
const mediaHeaders = [
  z.object({ type: z.literal('image'), image: media }),
  z.object({ type: z.literal('video'), video: media }),
  z.object({ type: z.literal('document'), document: mediaObject({ filename: chars(240).optional() }) }),
] as const;
const anyHeader = z.discriminatedUnion('type', [textHeader, ...mediaHeaders]);
const body = (max: number) => z.object({ text: chars(max) });
const footer = z.object({ text: chars(60) }).optional();

/** Adds an issue at `path` for every value after the first that repeats (ids and titles must be unique). */
function unique<T>(
  items: T[],
  pick: (item: T) => string,
  path: (i: number) => (string | number)[],
  what: string,
  ctx: z.RefinementCtx,
) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const value = pick(item);
    if (seen.has(value))
      ctx.addIssue({
        code: 'custom',
        path: path(i),
        message: `${what} "${value}" is used twice; ${what}s must be unique`,
      });
    seen.add(value);
  });
}

const replyButton = z.object({
  type: z.literal('reply'),
  reply: z.object({ id: chars(256), title: chars(20) }),
});

const buttons = z.object({
  type: z.literal('button'),
  header: anyHeader.optional(),
  body: body(1024),
  footer,
  action: z.object({
    buttons: z
      .array(replyButton)
      .min(1)
      .max(3)
      .superRefine((list, ctx) => {
        unique(
          list,
          (b) => b.reply.id,
          (i) => [i, 'reply', 'id'],
          'button id',
          ctx,
        );
        unique(
          list,
          (b) => b.reply.title,
          (i) => [i, 'reply', 'title'],
          'button title',
          ctx,
        );
      }),
  }),
});

const row = z.object({ id: chars(200), title: chars(24), description: chars(72).optional() });
const section = z.object({ title: chars(24), rows: z.array(row).min(1).max(10) });

const list = z.object({
  type: z.literal('list'),
  header: textHeader.optional(),
  body: body(4096),
  footer,
  action: z.object({
    button: chars(20),
    sections: z
      .array(section)
      .min(1)
      .max(10)
      .superRefine((sections, ctx) => {
        const rows = sections.flatMap((s, si) => s.rows.map((r, ri) => ({ r, si, ri })));
        if (rows.length > 10)
          ctx.addIssue({ code: 'custom', message: `at most 10 rows in total across sections, got ${rows.length}` });
        unique(
          rows,
          (x) => x.r.id,
          (i) => [rows[i]!.si, 'rows', rows[i]!.ri, 'id'],
          'row id',
          ctx,
        );
      }),
  }),
});

const ctaUrl = z.object({
  type: z.literal('cta_url'),
  header: anyHeader.optional(),
  body: body(1024),
  footer,
  action: z.object({
    name: z.literal('cta_url'),
    parameters: z.object({ display_text: chars(20), url: httpUrl }),
  }),
});

const locationRequest = z.object({
  type: z.literal('location_request_message'),
  body: body(1024),
  action: z.object({ name: z.literal('send_location') }),
});

export const interactive = z.discriminatedUnion('type', [buttons, list, ctaUrl, locationRequest]);
export type Interactive = z.output<typeof interactive>;
