import { z } from 'zod';
import { MAX_GROUP_MEMBERS } from '../group-rules';

const accountId = z.uuid({ message: 'expected an account id (UUID)' }).transform((s) => s.toLowerCase());
const subject = z.string().trim().min(1).max(100);
const description = z.string().max(2048);
// An attachment id (POST /v1/attachments): the avatar is an encrypted blob whose key members share in messages.
const avatar = z.uuid().nullable();

const settings = z
  .object({
    only_admins_send: z.boolean().optional(),
    only_admins_edit: z.boolean().optional(),
    approval_required: z.boolean().optional(),
  })
  .strict();

export const createGroupInput = z
  .object({
    subject,
    description: description.optional(),
    avatar: avatar.optional(),
    // One more than the limit is still parsed, so the answer is the limit's own error, not a size complaint.
    members: z.array(accountId).max(MAX_GROUP_MEMBERS * 2),
    settings: settings.optional(),
  })
  .strict();
export type CreateGroupInput = z.infer<typeof createGroupInput>;

export const editGroupInput = z
  .object({ subject: subject.optional(), description: description.optional(), avatar: avatar.optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give subject, description or avatar');
export type EditGroupInput = z.infer<typeof editGroupInput>;

export const groupSettingsInput = settings.refine((v) => Object.keys(v).length > 0, 'give at least one setting');
export type GroupSettingsInput = z.infer<typeof groupSettingsInput>;

export const addMembersInput = z
  .object({
    account_ids: z
      .array(accountId)
      .min(1)
      .max(MAX_GROUP_MEMBERS * 2),
  })
  .strict();

export const accountIdInput = z.object({ account_id: accountId }).strict();

export const createInviteInput = z
  .object({
    expires_in_s: z
      .number()
      .int()
      .min(60)
      .max(365 * 24 * 3600)
      .optional(),
  })
  .strict();

export const joinInput = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'an invite code') }).strict();

export const groupParams = z.object({ group_id: accountId });
const U64_MAX = 2n ** 64n - 1n;
export const messageParams = z.object({
  group_id: accountId,
  message_id: z
    .string()
    .regex(/^\d{1,20}$/, { message: 'expected a message id (an unsigned 64-bit integer in decimal)' })
    .transform((s) => BigInt(s))
    .refine((n) => n <= U64_MAX, { message: 'expected a message id (an unsigned 64-bit integer in decimal)' }),
});
export const memberParams = z.object({ group_id: accountId, account_id: accountId });
export const inviteParams = z.object({ group_id: accountId, code: z.string().min(1).max(64) });

export const historyQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
