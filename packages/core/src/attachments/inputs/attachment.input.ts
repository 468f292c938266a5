import { z } from 'zod';

/** Attachment ids are UUIDs; anything else cannot exist, and answers 404 like an unknown one (nothing to tell apart). */
export const attachmentParams = z.object({ attachment_id: z.string().max(64) });

/**
 * An upload's own lifetime, shorter than ATTACHMENT_TTL_DAYS: the attachment of a disappearing message expires with it
 * (docs/core.md "Disappearing messages and view once").
 */
export const uploadQuery = z.object({
  expires_in_s: z.coerce
    .number()
    .int()
    .min(1)
    .max(366 * 24 * 3600)
    .optional(),
});

export const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
