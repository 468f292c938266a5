import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import { ACCEPT_SQL, type AcceptRow, acceptParams } from './accept.sql';
import type { RawQueryClient } from './message-log.service';
import { MessagesDb } from './messages-db';

// Timestamps are passed as ISO strings and stored as the UTC `timestamp(3)` Prisma uses.

/** Mark an inbound message read and queue the read receipt: $1 wamid, $2 businessId, $3 phoneNumberId, $4 typing. */
const MARK_READ_SQL = `
WITH target AS (
  UPDATE "BusinessMessage" SET "status" = 'read', "readAt" = COALESCE("readAt", now())
  WHERE "wamid" = $1 AND "businessId" = $2 AND "phoneNumberId" = $3 AND "direction" = 'inbound'
  RETURNING "id", "wamid", "businessId", "phoneNumberId", "waId"
)
INSERT INTO "SendOutbox" ("kind", "businessId", "phoneNumberId", "messageId", "wamid", "waId", "typingIndicator")
SELECT 'read', "businessId", "phoneNumberId", "id", "wamid", "waId", $4 FROM target
RETURNING "id"`;

/**
 * An inbound message into the log, once per wamid (a redelivered message is ignored): $1 wamid, $2 businessId,
 * $3 phoneNumberId, $4 waId, $5 type, $6 payload JSON, $7 context wamid, $8 received at.
 */
const RECORD_INBOUND_SQL = `
INSERT INTO "BusinessMessage" ("wamid", "businessId", "phoneNumberId", "direction", "waId", "type", "payload",
                               "contextWamid", "status", "createdAt", "deliveredAt")
VALUES ($1, $2, $3, 'inbound', $4, $5, $6::jsonb, $7, 'delivered', $8::timestamp(3), $8::timestamp(3))
ON CONFLICT ("wamid") DO NOTHING
RETURNING "id"`;

/** An inbound message as the send pipeline decrypted it. */
export interface InboundLogEntry {
  wamid: string;
  businessId: string;
  phoneNumberId: string;
  waId: string;
  type: string;
  payload: unknown;
  contextWamid?: string;
  at: Date;
}

/**
 * The business message log's rows and the send-outbox rows that go with them: accepted sends (ACCEPT_SQL, batched by
 * MessageLogWriter), inbound messages, and an inbound message marked read with its read receipt queued. Outbound
 * statuses are MessageStatusRepository's.
 */
@Injectable()
export class MessageLogRepository {
  constructor(
    private readonly db: MessagesDb,
    private readonly prisma: PrismaService,
  ) {}

  /** The wamids of `rows` accepted: a message whose Idempotency-Key is still live from another request is not. */
  async accept(rows: AcceptRow[]): Promise<Set<string>> {
    const { rows: accepted } = await this.db.prepared<{ wamid: string }>(
      'sb_accept_messages',
      ACCEPT_SQL,
      acceptParams(rows),
    );
    return new Set(accepted.map((r) => r.wamid));
  }

  /** False when no such inbound message was received on this number. */
  async markInboundRead(
    wamid: string,
    number: { businessId: string; id: string },
    typingIndicator: string | null,
  ): Promise<boolean> {
    const { rows } = await this.db.query(MARK_READ_SQL, [wamid, number.businessId, number.id, typingIndicator]);
    return rows.length > 0;
  }

  /** False for a repeat (the wamid is logged already). */
  async recordInbound(m: InboundLogEntry, tx: RawQueryClient = this.prisma.client): Promise<boolean> {
    const rows = await tx.$queryRawUnsafe<unknown[]>(
      RECORD_INBOUND_SQL,
      m.wamid,
      m.businessId,
      m.phoneNumberId,
      m.waId,
      m.type,
      JSON.stringify(m.payload),
      m.contextWamid ?? null,
      m.at.toISOString(),
    );
    return rows.length > 0;
  }
}
