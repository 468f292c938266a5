import { Injectable } from '@nestjs/common';
import { MailboxDb } from '../messaging/mailbox/mailbox-db';

// Client message ids are unsigned 64-bit on the wire and signed bigint in Postgres (as in MailboxMessage, whose rows
// the ack statement joins with these).
const toDb = (id: bigint) => BigInt.asIntN(64, id).toString();

export interface MemberReceiptRow {
  accountId: string;
  deliveredAt: number | null;
  readAt: number | null;
}

export interface ReceiptRow {
  sender: string;
  clientMessageId: bigint;
  member: string;
  at: number;
}

/** The SQL of group message info (GroupMessage, GroupMessageReceipt). */
@Injectable()
export class GroupReceiptsRepository {
  constructor(private readonly db: MailboxDb) {}

  async recordSent(sender: string, clientMessageId: bigint, groupId: string, sentAt: number): Promise<void> {
    await this.db.pool.query(
      `INSERT INTO "GroupMessage" ("senderAccountId", "clientMessageId", "groupId", "sentAt")
       VALUES ($1, $2, $3, to_timestamp($4::bigint / 1000.0) AT TIME ZONE 'UTC') ON CONFLICT DO NOTHING`,
      [sender, toDb(clientMessageId), groupId, sentAt],
    );
  }

  /** First deliveries per member; later ones change nothing. Rows of messages not recorded as group messages are skipped. */
  async recordDelivered(rows: ReceiptRow[]): Promise<void> {
    if (!rows.length) return;
    await this.db.pool.query(
      `INSERT INTO "GroupMessageReceipt" ("senderAccountId", "clientMessageId", "memberAccountId", "deliveredAt")
       SELECT g."senderAccountId", g."clientMessageId", r.member, to_timestamp(r.at / 1000.0) AT TIME ZONE 'UTC'
       FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::bigint[]) AS r(sender, cmid, member, at)
       JOIN "GroupMessage" g ON g."senderAccountId" = r.sender AND g."clientMessageId" = r.cmid
       ON CONFLICT DO NOTHING`,
      columns(rows),
    );
  }

  /** Reads (a read implies delivery); the first read per member is kept. `rows` has each key once. */
  async recordRead(rows: ReceiptRow[]): Promise<void> {
    if (!rows.length) return;
    await this.db.pool.query(
      `INSERT INTO "GroupMessageReceipt"
         ("senderAccountId", "clientMessageId", "memberAccountId", "deliveredAt", "readAt")
       SELECT g."senderAccountId", g."clientMessageId", r.member, t.at, t.at
       FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::bigint[]) AS r(sender, cmid, member, at)
       CROSS JOIN LATERAL (SELECT to_timestamp(r.at / 1000.0) AT TIME ZONE 'UTC' AS at) t
       JOIN "GroupMessage" g ON g."senderAccountId" = r.sender AND g."clientMessageId" = r.cmid
       ON CONFLICT ("senderAccountId", "clientMessageId", "memberAccountId")
       DO UPDATE SET "readAt" = coalesce("GroupMessageReceipt"."readAt", excluded."readAt")`,
      columns(rows),
    );
  }

  /** Deletes up to `limit` messages sent before `before` (ms), their receipts with them; returns how many went. */
  async purge(before: number, limit: number): Promise<number> {
    const { rowCount } = await this.db.pool.query(
      `DELETE FROM "GroupMessage" WHERE ctid IN (
         SELECT ctid FROM "GroupMessage" WHERE "sentAt" < to_timestamp($1::bigint / 1000.0) AT TIME ZONE 'UTC' LIMIT $2)`,
      [before, limit],
    );
    return rowCount ?? 0;
  }

  /**
   * Undefined when `sender` sent no such message to the group. Otherwise, per member it went to — those who had
   * joined by the time it was sent and still are, and anyone with a receipt (a member removed since) — the first
   * delivery and read (ms since the epoch).
   */
  async info(groupId: string, sender: string, clientMessageId: bigint): Promise<MemberReceiptRow[] | undefined> {
    const { rows } = await this.db.pool.query<{ found: boolean } & MemberReceiptRow>(
      `WITH g AS (
         SELECT "sentAt" FROM "GroupMessage"
         WHERE "senderAccountId" = $2 AND "clientMessageId" = $3 AND "groupId" = $1
       ), m AS (
         SELECT "accountId" FROM "GroupMember", g
         WHERE "groupId" = $1 AND "joinedAt" <= g."sentAt" AND "accountId" <> $2
       ), r AS (
         SELECT * FROM "GroupMessageReceipt" WHERE "senderAccountId" = $2 AND "clientMessageId" = $3
       )
       SELECT true AS found, coalesce(m."accountId", r."memberAccountId") AS "accountId",
         (extract(epoch FROM r."deliveredAt") * 1000)::float8 AS "deliveredAt",
         (extract(epoch FROM r."readAt") * 1000)::float8 AS "readAt"
       FROM m FULL JOIN r ON r."memberAccountId" = m."accountId"
       UNION ALL SELECT false, NULL, NULL, NULL FROM g
       ORDER BY 1, 2`,
      [groupId, sender, toDb(clientMessageId)],
    );
    if (!rows.length) return undefined;
    return rows.filter((r) => r.found).map(({ found: _, ...r }) => r);
  }
}

function columns(rows: ReceiptRow[]) {
  return [
    rows.map((r) => r.sender),
    rows.map((r) => toDb(r.clientMessageId)),
    rows.map((r) => r.member),
    rows.map((r) => r.at),
  ];
}
