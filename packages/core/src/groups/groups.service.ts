import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ApiError } from '../errors/api-error';
import type { DeviceRef, PendingEnvelope } from '../messaging/mailbox/mailbox.types';
import type { Queryable } from '../messaging/mailbox/mailbox-db';
import { DeliveryRouter } from '../messaging/routing/delivery-router';
import { GroupErrors } from './group-errors';
import { type GroupChange, GroupEventWriter } from './group-event-writer';
import { type GroupAction, type GroupRole, type GroupSettings, MAX_GROUP_MEMBERS, mayDo } from './group-rules';
import { type GroupRow, GroupsRepository, type MemberRow } from './groups.repository';

export interface NewGroup {
  subject: string;
  description?: string;
  avatar?: string | null;
  members: string[];
  settings?: Partial<GroupSettings>;
}

export type GroupView = GroupRow & { members: MemberRow[] };

interface Locked {
  c: Queryable;
  group: GroupRow;
  members: MemberRow[];
  role: GroupRole | undefined;
}

const WHAT: Record<GroupAction, string> = {
  read: 'read the group',
  send: 'send messages to this group',
  editInfo: "edit the group's info",
  leave: 'leave',
  add: 'add members',
  remove: 'remove members',
  promote: 'make admins',
  demote: 'dismiss admins',
  changeSettings: "change the group's settings",
  manageInvites: 'manage invite links',
  approveJoin: 'approve join requests',
};

/**
 * Group operations (docs/groups.md). Each one locks the group's row, applies GROUP_RULES, changes the state and records
 * its events (GroupEventWriter) in one transaction, then pushes the events to the devices online.
 */
@Injectable()
export class GroupsService {
  private readonly log = new Logger('Groups');

  constructor(
    private readonly repo: GroupsRepository,
    private readonly events: GroupEventWriter,
    private readonly router: DeliveryRouter,
  ) {}

  async create(actor: DeviceRef, input: NewGroup): Promise<GroupView> {
    const others = [...new Set(input.members)].filter((a) => a !== actor.accountId);
    if (others.length + 1 > MAX_GROUP_MEMBERS) throw GroupErrors.full();
    const id = randomUUID();
    const settings: GroupSettings = {
      onlyAdminsSend: input.settings?.onlyAdminsSend ?? false,
      onlyAdminsEdit: input.settings?.onlyAdminsEdit ?? false,
      approvalRequired: input.settings?.approvalRequired ?? false,
    };
    const pending = await this.repo.transaction(async (c) => {
      await this.requireAccounts(c, others);
      await this.repo.insert(c, {
        id,
        subject: input.subject,
        description: input.description ?? '',
        avatar: input.avatar ?? null,
        creatorAccountId: actor.accountId,
        ...settings,
      });
      const members = [
        { accountId: actor.accountId, role: 'admin' as const },
        ...others.map((accountId) => ({ accountId, role: 'member' as const })),
      ];
      await this.repo.addMembers(c, id, members);
      return this.events.record(c, id, actor, {
        type: 'created',
        data: {
          subject: input.subject,
          description: input.description ?? '',
          settings: wireSettings(settings),
          members: members.map((m) => ({ account_id: m.accountId, role: m.role })),
        },
      });
    });
    this.push(pending);
    return this.view(actor, id);
  }

  async view(actor: DeviceRef, groupId: string): Promise<GroupView> {
    const group = await this.repo.find(groupId);
    // A status list is its owner's alone: its audience does not see who else is in it.
    if (!group || (group.statusOf && group.statusOf !== actor.accountId)) throw GroupErrors.notFound();
    const members = await this.repo.members(groupId);
    authorize('read', members.find((m) => m.accountId === actor.accountId)?.role, group);
    return { ...group, members };
  }

  list(actor: DeviceRef) {
    return this.repo.groupsOf(actor.accountId);
  }

  async history(actor: DeviceRef, groupId: string, afterSeq: number, limit: number) {
    const group = await this.repo.find(groupId);
    if (!group || group.statusOf) throw GroupErrors.notFound();
    authorize('read', await this.repo.role(groupId, actor.accountId), group);
    return this.repo.events(groupId, afterSeq, limit);
  }

  addMembers(actor: DeviceRef, groupId: string, accountIds: string[]): Promise<GroupView> {
    return this.change(actor, groupId, async ({ c, group, members, role }) => {
      authorize('add', role, group);
      const fresh = [...new Set(accountIds)];
      const existing = fresh.find((a) => members.some((m) => m.accountId === a));
      if (existing) throw GroupErrors.alreadyMember(existing);
      if (members.length + fresh.length > MAX_GROUP_MEMBERS) throw GroupErrors.full();
      await this.requireAccounts(c, fresh);
      await this.repo.addMembers(
        c,
        group.id,
        fresh.map((accountId) => ({ accountId, role: 'member' })),
      );
      for (const a of fresh) await this.repo.removeJoinRequest(c, group.id, a);
      return [{ type: 'members_added', data: { account_ids: fresh } }];
    });
  }

  /** Removes a member; removing oneself is leaving. */
  removeMember(actor: DeviceRef, groupId: string, accountId: string): Promise<GroupView> {
    if (accountId === actor.accountId) return this.leave(actor, groupId);
    return this.change(actor, groupId, async ({ c, group, members, role }) => {
      authorize('remove', role, group);
      if (!members.some((m) => m.accountId === accountId)) throw ApiError.notFound('member');
      await this.repo.removeMember(c, group.id, accountId);
      return [{ type: 'member_removed', data: { account_id: accountId }, alsoTo: [accountId] }];
    });
  }

  /** A member leaves. The last admin leaving hands the role to the longest-standing member, as WhatsApp does. */
  leave(actor: DeviceRef, groupId: string): Promise<GroupView> {
    return this.change(
      actor,
      groupId,
      async ({ c, group, members, role }) => {
        authorize('leave', role, group);
        await this.repo.removeMember(c, group.id, actor.accountId);
        const changes: GroupChange[] = [
          { type: 'member_left', data: { account_id: actor.accountId }, alsoTo: [actor.accountId] },
        ];
        const rest = members.filter((m) => m.accountId !== actor.accountId);
        if (rest.length && !rest.some((m) => m.role === 'admin')) {
          await this.repo.setRole(c, group.id, rest[0]!.accountId, 'admin');
          changes.push({ type: 'admin_promoted', data: { account_id: rest[0]!.accountId } });
        }
        return changes;
      },
      false,
    );
  }

  setAdmin(actor: DeviceRef, groupId: string, accountId: string, admin: boolean): Promise<GroupView> {
    return this.change(actor, groupId, async ({ c, group, members, role }) => {
      authorize(admin ? 'promote' : 'demote', role, group);
      const target = members.find((m) => m.accountId === accountId);
      if (!target) throw ApiError.notFound('member');
      if ((target.role === 'admin') === admin) return [];
      if (!admin && members.filter((m) => m.role === 'admin').length === 1) throw GroupErrors.lastAdmin();
      await this.repo.setRole(c, group.id, accountId, admin ? 'admin' : 'member');
      return [{ type: admin ? 'admin_promoted' : 'admin_demoted', data: { account_id: accountId } }];
    });
  }

  editInfo(
    actor: DeviceRef,
    groupId: string,
    info: { subject?: string; description?: string; avatar?: string | null },
  ): Promise<GroupView> {
    return this.change(actor, groupId, async ({ c, group, role }) => {
      authorize('editInfo', role, group);
      await this.repo.updateGroup(c, group.id, info);
      return [{ type: 'info_changed', data: info }];
    });
  }

  changeSettings(actor: DeviceRef, groupId: string, settings: Partial<GroupSettings>): Promise<GroupView> {
    return this.change(actor, groupId, async ({ c, group, role }) => {
      authorize('changeSettings', role, group);
      await this.repo.updateGroup(c, group.id, settings);
      return [{ type: 'settings_changed', data: wireSettings(settings) }];
    });
  }

  async createInvite(
    actor: DeviceRef,
    groupId: string,
    expiresInSeconds?: number,
  ): Promise<{ code: string; expiresAt: Date | null }> {
    const code = randomBytes(16).toString('base64url');
    const expiresAt = expiresInSeconds ? new Date(Date.now() + expiresInSeconds * 1000) : null;
    await this.change(actor, groupId, async ({ c, group, role }) => {
      authorize('manageInvites', role, group);
      await this.repo.insertInvite(c, { code, groupId: group.id, createdBy: actor.accountId, expiresAt });
      // The code itself goes to nobody: a link is shared by whoever made it.
      return [{ type: 'invite_created', data: { expires_at: expiresAt?.toISOString() ?? null } }];
    });
    return { code, expiresAt };
  }

  async revokeInvite(actor: DeviceRef, groupId: string, code: string): Promise<void> {
    await this.change(actor, groupId, async ({ c, group, role }) => {
      authorize('manageInvites', role, group);
      if (!(await this.repo.revokeInvite(c, group.id, code))) throw ApiError.notFound('invite link');
      return [{ type: 'invite_revoked', data: {} }];
    });
  }

  /** Joins by an invite link's code: at once, or as a request for an admin when the group needs approval. */
  async join(actor: DeviceRef, code: string): Promise<{ groupId: string; status: 'joined' | 'requested' }> {
    const invite = await this.repo.invite(code);
    if (!invite || invite.revokedAt || (invite.expiresAt && invite.expiresAt.getTime() <= Date.now()))
      throw GroupErrors.inviteInvalid();
    let status: 'joined' | 'requested' = 'joined';
    await this.change(
      actor,
      invite.groupId,
      async ({ c, group, members, role }) => {
        if (role) throw GroupErrors.alreadyMember(actor.accountId);
        // Revoked by a change that committed while this request waited for the lock.
        const again = await c.query<{ ok: boolean }>(
          `SELECT "revokedAt" IS NULL AS ok FROM "GroupInvite" WHERE code = $1`,
          [code],
        );
        if (!again.rows[0]?.ok) throw GroupErrors.inviteInvalid();
        if (group.approvalRequired) {
          status = 'requested';
          if (!(await this.repo.addJoinRequest(c, group.id, actor.accountId))) return [];
          return [{ type: 'join_requested', data: { account_id: actor.accountId }, alsoTo: [actor.accountId] }];
        }
        if (members.length + 1 > MAX_GROUP_MEMBERS) throw GroupErrors.full();
        await this.repo.addMembers(c, group.id, [{ accountId: actor.accountId, role: 'member' }]);
        return [{ type: 'member_joined', data: { account_id: actor.accountId, via: 'invite_link' } }];
      },
      false,
    );
    return { groupId: invite.groupId, status };
  }

  async joinRequests(actor: DeviceRef, groupId: string) {
    const group = await this.repo.find(groupId);
    if (!group || group.statusOf) throw GroupErrors.notFound();
    authorize('approveJoin', await this.repo.role(groupId, actor.accountId), group);
    return this.repo.joinRequests(groupId);
  }

  decideJoin(actor: DeviceRef, groupId: string, accountId: string, approve: boolean): Promise<GroupView> {
    return this.change(actor, groupId, async ({ c, group, members, role }) => {
      authorize('approveJoin', role, group);
      if (approve && members.length + 1 > MAX_GROUP_MEMBERS) throw GroupErrors.full();
      if (!(await this.repo.removeJoinRequest(c, group.id, accountId))) throw GroupErrors.noJoinRequest();
      if (!approve) return [{ type: 'join_rejected', data: { account_id: accountId }, alsoTo: [accountId] }];
      await this.repo.addMembers(c, group.id, [{ accountId, role: 'member' }]);
      return [{ type: 'join_approved', data: { account_id: accountId } }];
    });
  }

  /**
   * The frame of every change: lock, decide (which may throw the refusal), record the events, commit, push. Answers
   * the group as it is after the change (for an actor who is no longer a member, as it was read in the transaction).
   */
  private async change(
    actor: DeviceRef,
    groupId: string,
    decide: (locked: Locked) => Promise<GroupChange[]>,
    answer = true,
  ): Promise<GroupView> {
    const { pending, view } = await this.repo.transaction(async (c) => {
      const group = await this.repo.lock(c, groupId);
      // A status list changes only through /v1/status (packages/core/src/status), without events.
      if (!group || group.statusOf) throw GroupErrors.notFound();
      const members = await this.repo.members(groupId, c);
      const role = members.find((m) => m.accountId === actor.accountId)?.role;
      const changes = await decide({ c, group, members, role });
      const pending: PendingEnvelope[] = [];
      for (const change of changes) pending.push(...(await this.events.record(c, groupId, actor, change)));
      const after = answer ? await this.repo.find(groupId, c) : group;
      return { pending, view: { ...after!, members: answer ? await this.repo.members(groupId, c) : members } };
    });
    this.push(pending);
    return view;
  }

  private push(pending: PendingEnvelope[]): void {
    if (!pending.length) return;
    this.router
      .push(pending)
      .catch((err) => this.log.warn(`group event push failed (the mailbox has it): ${(err as Error).message}`));
  }

  private async requireAccounts(c: Queryable, accountIds: string[]): Promise<void> {
    if (!accountIds.length) return;
    const known = await this.repo.existingAccounts(c, accountIds);
    const unknown = accountIds.find((a) => !known.has(a));
    if (unknown) throw GroupErrors.unknownAccount(unknown);
  }
}

function authorize(action: GroupAction, role: GroupRole | undefined, settings: GroupSettings): void {
  if (!role) throw GroupErrors.notMember();
  if (!mayDo(action, role, settings)) throw GroupErrors.adminsOnly(WHAT[action]);
}

export function wireSettings(s: Partial<GroupSettings>) {
  return {
    ...(s.onlyAdminsSend !== undefined && { only_admins_send: s.onlyAdminsSend }),
    ...(s.onlyAdminsEdit !== undefined && { only_admins_edit: s.onlyAdminsEdit }),
    ...(s.approvalRequired !== undefined && { approval_required: s.approvalRequired }),
  };
}
