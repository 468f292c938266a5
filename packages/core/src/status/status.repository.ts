import { Injectable } from '@nestjs/common';
import { MailboxDb, type Queryable } from '../messaging/mailbox/mailbox-db';

/** SQL of status lists: a `Group` row with `statusOf` set, its owner the one admin, its audience the members. */
@Injectable()
export class StatusRepository {
  constructor(readonly db: MailboxDb) {}

  transaction<T>(work: (c: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The owner's list, made on first use, its row locked until the transaction ends (one change at a time). */
  async lockOrCreate(c: Queryable, id: string, owner: string): Promise<string> {
    const made = await c.query(
      `INSERT INTO "Group" (id, subject, "creatorAccountId", "onlyAdminsSend", "onlyAdminsEdit", "statusOf")
       VALUES ($1, 'status', $2, true, true, $2) ON CONFLICT ("statusOf") DO NOTHING`,
      [id, owner],
    );
    if (made.rowCount)
      await c.query(`INSERT INTO "GroupMember" ("groupId", "accountId", role) VALUES ($1, $2, 'admin')`, [id, owner]);
    const { rows } = await c.query<{ id: string }>(`SELECT id FROM "Group" WHERE "statusOf" = $1 FOR UPDATE`, [owner]);
    return rows[0]!.id;
  }

  /** Makes the list's members the owner and exactly `audience`. */
  async setAudience(c: Queryable, listId: string, owner: string, audience: string[]): Promise<void> {
    await c.query(
      `DELETE FROM "GroupMember" WHERE "groupId" = $1 AND "accountId" <> $2 AND NOT ("accountId" = ANY($3::uuid[]))`,
      [listId, owner, audience],
    );
    await c.query(
      `INSERT INTO "GroupMember" ("groupId", "accountId", role)
       SELECT $1, a, 'member' FROM unnest($2::uuid[]) a ON CONFLICT DO NOTHING`,
      [listId, audience],
    );
  }

  async existingAccounts(c: Queryable, accountIds: string[]): Promise<Set<string>> {
    const { rows } = await c.query<{ id: string }>(`SELECT id FROM "Account" WHERE id = ANY($1::uuid[])`, [accountIds]);
    return new Set(rows.map((r) => r.id));
  }

  async audience(owner: string): Promise<{ listId: string; accountIds: string[] } | undefined> {
    const { rows } = await this.db.pool.query<{ id: string; accountId: string | null }>(
      `SELECT g.id, m."accountId" FROM "Group" g
       LEFT JOIN "GroupMember" m ON m."groupId" = g.id AND m."accountId" <> g."statusOf"
       WHERE g."statusOf" = $1 ORDER BY m."joinedAt", m."accountId"`,
      [owner],
    );
    if (!rows.length) return undefined;
    return { listId: rows[0]!.id, accountIds: rows.flatMap((r) => (r.accountId ? [r.accountId] : [])) };
  }

  /** The status lists `viewer` is in (the accounts whose status it sees), not its own. */
  async visibleTo(viewer: string): Promise<{ listId: string; owner: string }[]> {
    const { rows } = await this.db.pool.query<{ listId: string; owner: string }>(
      `SELECT g.id AS "listId", g."statusOf" AS owner FROM "GroupMember" m JOIN "Group" g ON g.id = m."groupId"
       WHERE m."accountId" = $1 AND g."statusOf" IS NOT NULL AND g."statusOf" <> $1 ORDER BY g."createdAt"`,
      [viewer],
    );
    return rows;
  }

  /** Deletes the message info (viewed-by) of status posts sent before `before` (ms), at most `limit`. */
  async purgeInfo(before: number, limit: number): Promise<number> {
    const { rowCount } = await this.db.pool.query(
      `DELETE FROM "GroupMessage" WHERE ctid IN (
         SELECT gm.ctid FROM "GroupMessage" gm JOIN "Group" g ON g.id = gm."groupId"
         WHERE g."statusOf" IS NOT NULL AND gm."sentAt" < to_timestamp($1::bigint / 1000.0) AT TIME ZONE 'UTC'
         LIMIT $2)`,
      [before, limit],
    );
    return rowCount ?? 0;
  }
}
