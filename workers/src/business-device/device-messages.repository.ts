import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import type { RawClient } from './keystore/device-keys.repository';
import { toDbId } from './message-ids';

/** A business message as the business device sends it: its wamid and the core message it travels as. */
export interface OutboundDeviceMessage {
  wamid: string;
  /** The business device's account. */
  accountId: string;
  /** The consumer's account. */
  peerAccountId: string;
  /** The core message id (u64). */
  clientMessageId: bigint;
}

// Once per wamid: a retried send keeps the row (and the core id) of its first attempt.
const RECORD_OUTBOUND_SQL = `INSERT INTO "BusinessDeviceMessage" ("wamid", "accountId", "direction", "peerAccountId", "clientMessageId")
  SELECT w, a, 'outbound', p, c FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::bigint[]) AS t(w, a, p, c)
  ON CONFLICT ("wamid") DO NOTHING`;

const SENT_SQL = `UPDATE "BusinessDeviceMessage" b SET "serverTimestamp" = t.ts
  FROM unnest($1::text[], $2::bigint[]) AS t(w, ts) WHERE b."wamid" = t.w`;

/**
 * Outbound rows of BusinessDeviceMessage, the map from wamids to core message ids that receipts are read back
 * through: recorded before a message is sent, stamped with the core's time when the core accepted it.
 */
@Injectable()
export class DeviceMessagesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async recordOutbound(messages: OutboundDeviceMessage[], db: RawClient = this.prisma.client): Promise<void> {
    if (!messages.length) return;
    await db.$executeRawUnsafe(
      RECORD_OUTBOUND_SQL,
      messages.map((m) => m.wamid),
      messages.map((m) => m.accountId),
      messages.map((m) => m.peerAccountId),
      messages.map((m) => toDbId(m.clientMessageId)),
    );
  }

  /** The core's ✓ time (epoch ms) of each message, in the caller's transaction. */
  async markSent(
    sent: { wamid: string; serverTimestamp: number }[],
    db: RawClient = this.prisma.client,
  ): Promise<void> {
    if (!sent.length) return;
    await db.$executeRawUnsafe(
      SENT_SQL,
      sent.map((s) => s.wamid),
      sent.map((s) => String(s.serverTimestamp)),
    );
  }
}
