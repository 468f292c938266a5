import { z } from 'zod';
import { GRAPH_ID } from '../../common/ids';

/** `?phone_number_id=` on GET/DELETE /{media_id}: only answer if the media was uploaded on that number. */
export const mediaObjectQuery = z.object({
  phone_number_id: z.string().regex(GRAPH_ID, 'expected a phone number id').optional(),
});

/**
 * Graph reads a POST's parameters from the query string as well as the body, and some Cloud API clients send an
 * upload's `messaging_product` (or `type`) there with only the `file` part in the form. Form fields win over these.
 */
export const uploadQuery = z.object({
  messaging_product: z.string().max(1024).optional(),
  type: z.string().max(1024).optional(),
});
export type UploadQuery = z.output<typeof uploadQuery>;

export const downloadParams = z.object({ media_id: z.string().max(32) });

/** What GET /{media_id} put in the URL; anything malformed simply fails the signature check (404). */
export const downloadQuery = z.object({
  expires: z.coerce.number().int().catch(0),
  signature: z.string().max(128).catch(''),
});
