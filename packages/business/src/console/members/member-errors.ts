import { ApiError } from '@switchboard/core/errors/api-error';

export const MemberErrors = {
  notFound: (id: string) => ApiError.notFound(`member '${id}'`),
  invitationNotFound: (id: string) => ApiError.notFound(`invitation '${id}'`),
  onlyOwnersTouchOwners: () =>
    new ApiError(403, 10, '(#10) Permission denied', 'role: only an owner may make an owner or change one'),
  lastOwner: () => new ApiError(409, 100, 'The last owner cannot leave', 'role: make another member owner first'),
};
