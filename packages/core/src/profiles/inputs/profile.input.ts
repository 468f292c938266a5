import { z } from 'zod';
import { base64Bytes } from '../../keys/inputs/upload-keys.input';
import { VISIBILITIES } from '../visibility';

// AES-256-GCM fields: 12-byte nonce ‖ ciphertext ‖ 16-byte tag. The SDK pads plaintexts to fixed sizes (name 128,
// about 512, photo pointer 512 bytes), so lengths say nothing; the maxima leave room for other clients' padding.
const sealed = (max: number) => base64Bytes(28, max);

export const profileInput = z.object({
  name: sealed(512),
  about: sealed(2048).optional(),
  photo: z.object({ attachment_id: z.uuid(), pointer: sealed(2048) }).optional(),
});
export type ProfileInput = z.output<typeof profileInput>;

const visibility = z.enum(VISIBILITIES);
export const privacyInput = z
  .object({ photo: visibility, about: visibility, last_seen: visibility, online: visibility })
  .partial();
export type PrivacyInput = z.output<typeof privacyInput>;

export const MAX_PROFILE_CONTACTS = 10_000;
export const profileContactsInput = z.object({
  account_ids: z.array(z.uuid()).max(MAX_PROFILE_CONTACTS),
});

export const profileParams = z.object({ account_id: z.uuid() });
