/** A member's role in a group. */
export type GroupRole = 'admin' | 'member';

export interface GroupSettings {
  onlyAdminsSend: boolean;
  onlyAdminsEdit: boolean;
  approvalRequired: boolean;
}

/** Members of a group at most (the creator included), as WhatsApp's groups. */
export const MAX_GROUP_MEMBERS = 1024;

/**
 * Who may do what in a group, as WhatsApp decides it: the one table the group operations and the group send consult.
 * `who` is the least role needed; `adminsOnlyWhen` names the setting that raises it to admins when on.
 */
export const GROUP_RULES = {
  read: { who: 'member' },
  send: { who: 'member', adminsOnlyWhen: 'onlyAdminsSend' },
  editInfo: { who: 'member', adminsOnlyWhen: 'onlyAdminsEdit' },
  leave: { who: 'member' },
  add: { who: 'admin' },
  remove: { who: 'admin' },
  promote: { who: 'admin' },
  demote: { who: 'admin' },
  changeSettings: { who: 'admin' },
  manageInvites: { who: 'admin' },
  approveJoin: { who: 'admin' },
} as const satisfies Record<string, { who: GroupRole; adminsOnlyWhen?: keyof GroupSettings }>;

export type GroupAction = keyof typeof GROUP_RULES;

/** Whether a member of `role` (undefined: not a member) may take `action` in a group with these settings. */
export function mayDo(action: GroupAction, role: GroupRole | undefined, settings: GroupSettings): boolean {
  if (!role) return false;
  const rule: { who: GroupRole; adminsOnlyWhen?: keyof GroupSettings } = GROUP_RULES[action];
  const needsAdmin = rule.who === 'admin' || (rule.adminsOnlyWhen !== undefined && settings[rule.adminsOnlyWhen]);
  return !needsAdmin || role === 'admin';
}
