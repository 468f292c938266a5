import { z } from 'zod';

/** Attachment ids are UUIDs; anything else cannot exist, and answers 404 like an unknown one (nothing to tell apart). */
export const attachmentParams = z.object({ attachment_id: z.string().max(64) });

export const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
