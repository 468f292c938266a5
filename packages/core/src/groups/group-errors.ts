import { ApiError } from '../errors/api-error';
import { MAX_GROUP_MEMBERS } from './group-rules';

/** The errors of group operations, in the API's one envelope (codes listed in openapi.yaml and docs/groups.md). */
export const GroupErrors = {
  notFound: () => ApiError.notFound('group'),
  notMember: () => new ApiError(403, 10, '(#10) Permission denied', 'not a member of this group'),
  adminsOnly: (what: string) => new ApiError(403, 10, '(#10) Permission denied', `only group admins can ${what}`),
  full: () =>
    new ApiError(
      409,
      133020,
      '(#133020) Group member limit reached',
      `a group has at most ${MAX_GROUP_MEMBERS} members`,
    ),
  inviteInvalid: () =>
    new ApiError(410, 133021, '(#133021) Invite link revoked or expired', 'code: ask an admin for a new link'),
  alreadyMember: (accountId: string) =>
    new ApiError(409, 133022, '(#133022) Already a member of the group', `account_ids: ${accountId}`),
  unknownAccount: (accountId: string) =>
    new ApiError(400, 100, '(#100) Invalid parameter', `account_ids: no account ${accountId}`),
  lastAdmin: () =>
    new ApiError(409, 133023, '(#133023) A group needs an admin', 'account_id: the only admin cannot be dismissed'),
  noJoinRequest: () => ApiError.notFound('join request'),
} as const;
