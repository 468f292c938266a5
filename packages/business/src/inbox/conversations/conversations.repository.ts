import { Injectable } from '@nestjs/common';
import type { Conversation, Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { type PageRequest, pageArgs } from '../../common/paging';

export type Tx = Prisma.TransactionClient;

/** Creates the conversation of a number and contact if it is new: $1 id, $2 businessId, $3 phoneNumberId, $4 waId, $5 at. */
const CREATE_SQL = `
INSERT INTO "Conversation" ("id", "businessId", "phoneNumberId", "waId", "labels", "lastMessageAt", "updatedAt")
VALUES ($1, $2, $3, $4, '{}', $5::timestamp(3), now() AT TIME ZONE 'UTC')
ON CONFLICT ("phoneNumberId", "waId") DO NOTHING`;

const LOCK_SQL = `SELECT * FROM "Conversation" WHERE "phoneNumberId" = $1 AND "waId" = $2 FOR UPDATE`;

/**
 * Timed snoozes that are due become open (conversation-status: snoozed + wake → open), an unassigned one joining the
 * queue: $1 how many at most. SKIP LOCKED: a conversation an inbound message is changing right now is left to it.
 */
const WAKE_SQL = `
UPDATE "Conversation" c SET "status" = 'open', "snoozedUntil" = NULL, "updatedAt" = now() AT TIME ZONE 'UTC',
  "queuedAt" = CASE WHEN c."assigneeId" IS NULL THEN now() AT TIME ZONE 'UTC' END
WHERE c."id" IN (
  SELECT "id" FROM "Conversation"
  WHERE "status" = 'snoozed' AND "snoozedUntil" <= now() AT TIME ZONE 'UTC'
  ORDER BY "snoozedUntil" LIMIT $1
  FOR UPDATE SKIP LOCKED)
RETURNING c.*`;

/** What the list endpoint filters on. */
export interface ConversationFilter {
  phoneNumberId?: string;
  status?: string;
  assignee?: { type: string; id: string } | 'unassigned';
  label?: string;
}

/** Conversation rows: the inbound message's upsert (in its transaction), reads and one-row updates. */
@Injectable()
export class ConversationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The conversation of this number and contact, created if new, locked until `tx` ends. */
  async lockOrCreate(tx: Tx, id: string, m: { businessId: string; phoneNumberId: string; waId: string; at: Date }) {
    await tx.$executeRawUnsafe(CREATE_SQL, id, m.businessId, m.phoneNumberId, m.waId, m.at.toISOString());
    const [row] = await tx.$queryRawUnsafe<Conversation[]>(LOCK_SQL, m.phoneNumberId, m.waId);
    return row!;
  }

  update(
    id: string,
    data: Prisma.ConversationUncheckedUpdateInput,
    tx: Tx | PrismaService['client'] = this.prisma.client,
  ) {
    return tx.conversation.update({ where: { id }, data });
  }

  /** One conversation's update and what `after` records with it (its live event), in one transaction. */
  change(
    id: string,
    data: Prisma.ConversationUncheckedUpdateInput,
    after: (tx: Tx, c: Conversation) => Promise<unknown>,
  ) {
    return this.prisma.client.$transaction(async (tx) => {
      const c = await tx.conversation.update({ where: { id }, data });
      await after(tx, c);
      return c;
    });
  }

  /** Records where `userId` read the conversation: its inbound count now, and so none unread for them. */
  markReadBy(tx: Tx, c: Conversation, userId: string) {
    return tx.conversationReadMark.upsert({
      where: { conversationId_userId: { conversationId: c.id, userId } },
      create: { conversationId: c.id, userId, inboundCount: c.inboundCount },
      update: { inboundCount: c.inboundCount, readAt: new Date() },
    });
  }

  /** Where `userId` last read each of these conversations (absent: never). */
  async readMarks(userId: string, conversationIds: string[]): Promise<Map<string, number>> {
    if (!conversationIds.length) return new Map();
    const rows = await this.prisma.client.conversationReadMark.findMany({
      where: { userId, conversationId: { in: conversationIds } },
      select: { conversationId: true, inboundCount: true },
    });
    return new Map(rows.map((r) => [r.conversationId, r.inboundCount]));
  }

  find(businessId: string, id: string) {
    return this.prisma.client.conversation.findFirst({ where: { id, businessId } });
  }

  /** Newest conversations first (Graph ids grow with time). */
  list(businessId: string, f: ConversationFilter, page: PageRequest) {
    const { where, ...rest } = pageArgs(page);
    return this.prisma.client.conversation.findMany({
      where: {
        ...where,
        businessId,
        ...(f.phoneNumberId && { phoneNumberId: f.phoneNumberId }),
        ...(f.status && { status: f.status }),
        ...(f.label && { labels: { has: f.label } }),
        ...(f.assignee === 'unassigned' && { assigneeId: null }),
        ...(f.assignee && f.assignee !== 'unassigned' && { assigneeType: f.assignee.type, assigneeId: f.assignee.id }),
      },
      ...rest,
    });
  }

  /** The business message log of this conversation, both directions, newest first by log id. */
  thread(c: Conversation, page: PageRequest) {
    const { where, ...rest } = pageArgs(page);
    // The log's ids are bigints; the cursor carries their digits.
    const bound = where.id && Object.fromEntries(Object.entries(where.id).map(([op, v]) => [op, BigInt(v || 0)]));
    return this.prisma.client.businessMessage.findMany({
      where: { ...(bound && { id: bound }), businessId: c.businessId, phoneNumberId: c.phoneNumberId, waId: c.waId },
      ...rest,
    });
  }

  /** The contact's newest message on this number: what a read receipt marks read (and everything before it). */
  latestInbound(c: Conversation) {
    return this.prisma.client.businessMessage.findFirst({
      where: { businessId: c.businessId, phoneNumberId: c.phoneNumberId, waId: c.waId, direction: 'inbound' },
      orderBy: { id: 'desc' },
      select: { wamid: true },
    });
  }

  /** Wakes up to `limit` snoozes whose time has come, `after` recording their events; answers them. */
  wakeDue(limit: number, after: (tx: Tx, woken: Conversation[]) => Promise<unknown>): Promise<Conversation[]> {
    return this.prisma.client.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<Conversation[]>(WAKE_SQL, limit);
      await after(tx, rows);
      return rows;
    });
  }
}
