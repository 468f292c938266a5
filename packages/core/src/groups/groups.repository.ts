import { Injectable } from '@nestjs/common';
import { ACTIVE_DEVICE_KEYS, ACTIVE_DEVICE_SQL } from '../devices/active-device';
import { MailboxDb, type Queryable } from '../messaging/mailbox/mailbox-db';
import type { GroupRole, GroupSettings } from './group-rules';

export interface GroupRow extends GroupSettings {
  id: string;
  subject: string;
  description: string;
  avatar: string | null;
  creatorAccountId: string;
  seq: number;
  createdAt: Date;
  /** The owning account of a status list (docs/groups.md "Status"); null for a group. */
  statusOf: string | null;
}

export interface MemberRow {
  accountId: string;
  role: GroupRole;
  joinedAt: Date;
}

export interface EventRow {
  seq: number;
  type: string;
  actorAccountId: string;
  data: Record<string, unknown>;
  at: Date;
}

export interface InviteRow {
  code: string;
  groupId: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface MemberDevice {
  accountId: string;
  deviceId: number;
  registrationId: number;
}

const columns = (t: string) =>
  ['id', 'subject', 'description', 'avatar', 'creatorAccountId', 'onlyAdminsSend', 'onlyAdminsEdit', 'approvalRequired']
    .concat(['seq', 'createdAt', 'statusOf'])
    .map((c) => `${t}."${c}"`)
    .join(', ');
const GROUP_COLUMNS = columns('"Group"');
const ACTIVE_D = ACTIVE_DEVICE_KEYS.map((k) => `d."${k}" IS NOT NULL`).join(' AND ');

/**
 * SQL of groups. On the mailbox's pool, because a change and the event it sends every member device commit in one
 * transaction (the mailbox's insert takes the same client). Plain data in and out; the rules are in group-rules.ts.
 */
@Injectable()
export class GroupsRepository {
  constructor(readonly db: MailboxDb) {}

  transaction<T>(work: (c: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The group, its row locked until the transaction ends: a group's changes happen one at a time, in seq order. */
  async lock(c: Queryable, groupId: string): Promise<GroupRow | undefined> {
    const { rows } = await c.query<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM "Group" WHERE id = $1 FOR UPDATE`, [
      groupId,
    ]);
    return rows[0];
  }

  async find(groupId: string, c: Queryable = this.db.pool): Promise<GroupRow | undefined> {
    const { rows } = await c.query<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM "Group" WHERE id = $1`, [groupId]);
    return rows[0];
  }

  async insert(c: Queryable, g: Omit<GroupRow, 'seq' | 'createdAt' | 'statusOf'>): Promise<void> {
    await c.query(
      `INSERT INTO "Group" (id, subject, description, avatar, "creatorAccountId", "onlyAdminsSend", "onlyAdminsEdit",
        "approvalRequired") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        g.id,
        g.subject,
        g.description,
        g.avatar,
        g.creatorAccountId,
        g.onlyAdminsSend,
        g.onlyAdminsEdit,
        g.approvalRequired,
      ],
    );
  }

  async members(groupId: string, c: Queryable = this.db.pool): Promise<MemberRow[]> {
    const { rows } = await c.query<MemberRow>(
      `SELECT "accountId", role, "joinedAt" FROM "GroupMember" WHERE "groupId" = $1 ORDER BY "joinedAt", role <> 'admin', "accountId"`,
      [groupId],
    );
    return rows;
  }

  async role(groupId: string, accountId: string, c: Queryable = this.db.pool): Promise<GroupRole | undefined> {
    const { rows } = await c.query<{ role: GroupRole }>(
      `SELECT role FROM "GroupMember" WHERE "groupId" = $1 AND "accountId" = $2`,
      [groupId, accountId],
    );
    return rows[0]?.role;
  }

  async groupsOf(accountId: string): Promise<(GroupRow & { role: GroupRole })[]> {
    const { rows } = await this.db.query<GroupRow & { role: GroupRole }>(
      `SELECT ${columns('g')}, m.role
       FROM "GroupMember" m JOIN "Group" g ON g.id = m."groupId"
       WHERE m."accountId" = $1 AND g."statusOf" IS NULL ORDER BY g."createdAt"`,
      [accountId],
    );
    return rows;
  }

  /** Accounts among `accountIds` that exist (have any device). */
  async existingAccounts(c: Queryable, accountIds: string[]): Promise<Set<string>> {
    const { rows } = await c.query<{ id: string }>(`SELECT id FROM "Account" WHERE id = ANY($1::uuid[])`, [accountIds]);
    return new Set(rows.map((r) => r.id));
  }

  async addMembers(c: Queryable, groupId: string, members: { accountId: string; role: GroupRole }[]): Promise<void> {
    await c.query(
      `INSERT INTO "GroupMember" ("groupId", "accountId", role)
       SELECT $1, a, r FROM unnest($2::uuid[], $3::text[]) AS t(a, r)`,
      [groupId, members.map((m) => m.accountId), members.map((m) => m.role)],
    );
  }

  async removeMember(c: Queryable, groupId: string, accountId: string): Promise<void> {
    await c.query(`DELETE FROM "GroupMember" WHERE "groupId" = $1 AND "accountId" = $2`, [groupId, accountId]);
  }

  async setRole(c: Queryable, groupId: string, accountId: string, role: GroupRole): Promise<void> {
    await c.query(`UPDATE "GroupMember" SET role = $3 WHERE "groupId" = $1 AND "accountId" = $2`, [
      groupId,
      accountId,
      role,
    ]);
  }

  async updateGroup(
    c: Queryable,
    groupId: string,
    fields: Partial<Pick<GroupRow, 'subject' | 'description' | 'avatar'> & GroupSettings>,
  ): Promise<void> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    if (!entries.length) return;
    const sets = entries.map(([k], i) => `"${k}" = $${i + 2}`).join(', ');
    await c.query(`UPDATE "Group" SET ${sets} WHERE id = $1`, [groupId, ...entries.map(([, v]) => v)]);
  }

  /** Numbers and records a change: the group's next seq. */
  async appendEvent(
    c: Queryable,
    groupId: string,
    event: { type: string; actorAccountId: string; data: Record<string, unknown> },
  ): Promise<{ seq: number; at: Date }> {
    const { rows } = await c.query<{ seq: number; at: Date }>(
      `WITH g AS (UPDATE "Group" SET seq = seq + 1 WHERE id = $1 RETURNING seq)
       INSERT INTO "GroupEvent" ("groupId", seq, type, "actorAccountId", data)
       SELECT $1, g.seq, $2, $3, $4 FROM g RETURNING seq, at`,
      [groupId, event.type, event.actorAccountId, JSON.stringify(event.data)],
    );
    return rows[0]!;
  }

  async events(groupId: string, afterSeq: number, limit: number): Promise<EventRow[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT seq, type, "actorAccountId", data, at FROM "GroupEvent"
       WHERE "groupId" = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [groupId, afterSeq, limit],
    );
    return rows;
  }

  /** Every active device of the accounts (devices/active-device's rule). */
  async devicesOf(c: Queryable, accountIds: string[]): Promise<MemberDevice[]> {
    const { rows } = await c.query<MemberDevice>(
      `SELECT "accountId", "deviceId", "registrationId" FROM "Device"
       WHERE "accountId" = ANY($1::uuid[]) AND ${ACTIVE_DEVICE_SQL} ORDER BY "accountId", "deviceId"`,
      [accountIds],
    );
    return rows;
  }

  /**
   * What a group send is checked against, in one query: the sender's role and the group's send setting, and every
   * member's active devices (a member without any still appears, with a null device).
   */
  async sendView(
    groupId: string,
    senderAccountId: string,
  ): Promise<
    | {
        role: GroupRole | undefined;
        onlyAdminsSend: boolean;
        statusOf: string | null;
        devices: Map<string, MemberDevice[]>;
      }
    | undefined
  > {
    const { rows } = await this.db.pool.query<{
      onlyAdminsSend: boolean;
      statusOf: string | null;
      accountId: string;
      role: GroupRole;
      deviceId: number | null;
      registrationId: number | null;
    }>({
      name: 'group-send-view',
      text: `SELECT g."onlyAdminsSend", g."statusOf", m."accountId", m.role, d."deviceId", d."registrationId"
        FROM "Group" g JOIN "GroupMember" m ON m."groupId" = g.id
        LEFT JOIN "Device" d ON d."accountId" = m."accountId" AND ${ACTIVE_D}
        WHERE g.id = $1`,
      values: [groupId],
    });
    if (!rows.length) return undefined;
    const devices = new Map<string, MemberDevice[]>();
    let role: GroupRole | undefined;
    for (const r of rows) {
      if (r.accountId === senderAccountId) role = r.role;
      const list = devices.get(r.accountId) ?? [];
      if (r.deviceId !== null)
        list.push({ accountId: r.accountId, deviceId: r.deviceId, registrationId: r.registrationId! });
      devices.set(r.accountId, list);
    }
    return { role, onlyAdminsSend: rows[0]!.onlyAdminsSend, statusOf: rows[0]!.statusOf, devices };
  }

  async insertInvite(
    c: Queryable,
    invite: { code: string; groupId: string; createdBy: string; expiresAt: Date | null },
  ) {
    await c.query(
      `INSERT INTO "GroupInvite" (code, "groupId", "createdByAccount", "expiresAt") VALUES ($1, $2, $3, $4)`,
      [invite.code, invite.groupId, invite.createdBy, invite.expiresAt],
    );
  }

  async revokeInvite(c: Queryable, groupId: string, code: string): Promise<boolean> {
    const { rowCount } = await c.query(
      `UPDATE "GroupInvite" SET "revokedAt" = now() WHERE "groupId" = $1 AND code = $2 AND "revokedAt" IS NULL`,
      [groupId, code],
    );
    return (rowCount ?? 0) > 0;
  }

  async invite(code: string): Promise<InviteRow | undefined> {
    const { rows } = await this.db.query<InviteRow>(
      `SELECT code, "groupId", "expiresAt", "revokedAt" FROM "GroupInvite" WHERE code = $1`,
      [code],
    );
    return rows[0];
  }

  async addJoinRequest(c: Queryable, groupId: string, accountId: string): Promise<boolean> {
    const { rowCount } = await c.query(
      `INSERT INTO "GroupJoinRequest" ("groupId", "accountId") VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [groupId, accountId],
    );
    return (rowCount ?? 0) > 0;
  }

  async removeJoinRequest(c: Queryable, groupId: string, accountId: string): Promise<boolean> {
    const { rowCount } = await c.query(`DELETE FROM "GroupJoinRequest" WHERE "groupId" = $1 AND "accountId" = $2`, [
      groupId,
      accountId,
    ]);
    return (rowCount ?? 0) > 0;
  }

  async joinRequests(groupId: string): Promise<{ accountId: string; createdAt: Date }[]> {
    const { rows } = await this.db.query<{ accountId: string; createdAt: Date }>(
      `SELECT "accountId", "createdAt" FROM "GroupJoinRequest" WHERE "groupId" = $1 ORDER BY "createdAt"`,
      [groupId],
    );
    return rows;
  }
}
