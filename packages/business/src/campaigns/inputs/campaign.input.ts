import { z } from 'zod';
import { GRAPH_ID } from '../../common/ids';
import { pageQuery } from '../../common/paging';
import { isTimeZone } from './schedule';

/** The CSV audience's limits: over either is a 100 naming `audience.csv`. */
export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_MAX_ROWS = 200_000;
/** The JSON body of a create may carry a 5 MB CSV, escaped (a quote or a line break is two bytes in JSON). */
export const CREATE_BODY_LIMIT = 2 * CSV_MAX_BYTES + 1024 * 1024;

const tag = z.string().trim().min(1).max(64);

/**
 * `audience`: contacts chosen by tags (all of them) and attribute values (all pairs), or an uploaded CSV. One object
 * rather than a union, so a mistake is reported on the field that is wrong, not as "no union member matched".
 */
const audience = z
  .object({
    tags: z.array(tag).max(50).optional(),
    attributes: z
      .record(z.string().min(1).max(64), z.union([z.string().max(1000), z.number(), z.boolean()]))
      .refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes')
      .optional(),
    csv: z
      .string()
      .min(1)
      .refine((v) => Buffer.byteLength(v) <= CSV_MAX_BYTES, `at most ${CSV_MAX_BYTES} bytes (5 MB)`)
      .optional(),
  })
  .strict()
  .refine((a) => a.csv === undefined || (a.tags === undefined && a.attributes === undefined), {
    message: 'give either csv, or tags and/or attributes, not both',
  })
  .refine((a) => a.csv !== undefined || a.tags !== undefined || a.attributes !== undefined, {
    message: 'give csv, or tags and/or attributes (tags: [] chooses every contact)',
  });

/** POST /{waba_id}/campaigns. */
export const createCampaignBody = z.object({
  name: z.string().trim().min(1).max(256),
  phone_number_id: z.string().regex(GRAPH_ID, 'expected a phone number id'),
  template: z.object({
    name: z.string().min(1).max(512),
    language: z.object({ code: z.string().min(1).max(16) }),
    /** Shapes are checked by TemplatesService.resolveForSend, so a campaign and a single send say the same. */
    components: z.array(z.unknown()).max(20).optional(),
  }),
  audience,
  schedule: z
    .object({
      at: z.string().min(1).max(64),
      time_zone: z
        .string()
        .min(1)
        .max(64)
        .refine(isTimeZone, 'expected an IANA time zone, e.g. Europe/Paris')
        .optional(),
    })
    .optional(),
});
export type CreateCampaignBody = z.output<typeof createCampaignBody>;
export type Audience = CreateCampaignBody['audience'];

export const campaignParams = z.object({
  waba_id: z.string(),
  campaign_id: z.string().regex(GRAPH_ID, 'expected a campaign id'),
});
export type CampaignParams = z.output<typeof campaignParams>;

export const listCampaignsQuery = z.object({
  ...pageQuery,
  status: z
    .string()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(['DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED']))
    .optional(),
});
export type ListCampaignsQuery = z.output<typeof listCampaignsQuery>;
