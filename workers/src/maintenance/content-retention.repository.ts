import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import { EMPTIED_EVENT_VALUE } from '@switchboard/webhooks';

/** Rows emptied per statement: a backlog (a first run on a large log) goes in bounded steps, without long locks. */
export const PURGE_CHUNK = 5_000;

/** "N days ago" as the `timestamp(3) without time zone` Prisma writes (UTC). $1 days. */
const CUTOFF = `(now() AT TIME ZONE 'UTC') - make_interval(days => $1::int)`;

/**
 * Messages past retention, oldest first through BusinessMessage_content_kept_idx (only rows not yet emptied), except
 * outbound ones still queued: the send pipeline reads their payload to send them. A template keeps
 * `rendered.category`, which the pricing of its later status webhooks reads; everything else goes.
 */
const MESSAGES_SQL = `
UPDATE "BusinessMessage" m SET
  "payload" = CASE WHEN m."type" = 'template'
    THEN jsonb_build_object('rendered', jsonb_build_object('category', m."payload"->'rendered'->'category'))
    ELSE '{}'::jsonb END,
  "contentPurgedAt" = now() AT TIME ZONE 'UTC'
WHERE m."id" IN (
  SELECT "id" FROM "BusinessMessage"
  WHERE "contentPurgedAt" IS NULL AND "createdAt" < ${CUTOFF} AND NOT ("direction" = 'outbound' AND "status" = 'queued')
  ORDER BY "createdAt" LIMIT ${PURGE_CHUNK})`;

/** Webhook events past retention that no delivery can still send (a pending one keeps its event whole). */
const EVENTS_SQL = `
UPDATE "WebhookEvent" SET "value" = '${EMPTIED_EVENT_VALUE}'
WHERE "id" IN (
  SELECT e."id" FROM "WebhookEvent" e
  WHERE e."createdAt" < ${CUTOFF} AND e."value" <> '${EMPTIED_EVENT_VALUE}'
    AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."eventId" = e."id" AND d."state" = 'pending')
  LIMIT ${PURGE_CHUNK})`;

@Injectable()
export class ContentRetentionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Empties up to PURGE_CHUNK messages older than `days`; returns how many. */
  emptyMessages(days: number): Promise<number> {
    return this.prisma.client.$executeRawUnsafe(MESSAGES_SQL, days);
  }

  /** Empties up to PURGE_CHUNK webhook event values older than `days`; returns how many. */
  emptyEvents(days: number): Promise<number> {
    return this.prisma.client.$executeRawUnsafe(EVENTS_SQL, days);
  }
}
