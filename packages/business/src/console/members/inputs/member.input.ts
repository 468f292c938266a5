import { z } from 'zod';
import { CONSOLE_ROLES } from '../../auth/roles';

const id = z.string().min(1).max(64);
export const role = z.enum(CONSOLE_ROLES);
export const email = z.string().trim().toLowerCase().email().max(254);

export const businessParams = z.object({ businessId: id });
export const memberParams = z.object({ businessId: id, memberId: id });
export const invitationParams = z.object({ businessId: id, invitationId: id });
export const inviteBody = z.object({ email, role }).strict();
export const changeRoleBody = z.object({ role }).strict();

export type BusinessParams = z.infer<typeof businessParams>;
export type MemberParams = z.infer<typeof memberParams>;
export type InvitationParams = z.infer<typeof invitationParams>;
export type InviteBody = z.infer<typeof inviteBody>;
export type ChangeRoleBody = z.infer<typeof changeRoleBody>;
