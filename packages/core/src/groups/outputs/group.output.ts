import type { GroupMessageInfo } from '../group-receipts';
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

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const messageInfoOutput = (groupId: string, messageId: bigint, info: GroupMessageInfo) => ({
  group_id: groupId,
  message_id: messageId.toString(),
  members: info.members.map((m) => ({
    account_id: m.accountId,
    delivered_at: iso(m.deliveredAt),
    read_at: iso(m.readAt),
  })),
  delivered_to_all: info.deliveredToAll,
  read_by_all: info.readByAll,
});
