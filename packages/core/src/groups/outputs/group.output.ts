import type { EventRow } from '../groups.repository';
import type { GroupView } from '../groups.service';

/** A group as the API answers it (snake_case, as every core endpoint). */
export const groupOutput = (g: GroupView) => ({
  id: g.id,
  subject: g.subject,
  description: g.description,
  avatar: g.avatar,
  creator_account_id: g.creatorAccountId,
  settings: {
    only_admins_send: g.onlyAdminsSend,
    only_admins_edit: g.onlyAdminsEdit,
    approval_required: g.approvalRequired,
  },
  seq: g.seq,
  created_at: g.createdAt.toISOString(),
  members: g.members.map((m) => ({ account_id: m.accountId, role: m.role, joined_at: m.joinedAt.toISOString() })),
});

export const eventOutput = (e: EventRow) => ({
  seq: e.seq,
  type: e.type,
  actor_account_id: e.actorAccountId,
  at: e.at.toISOString(),
  data: e.data,
});
