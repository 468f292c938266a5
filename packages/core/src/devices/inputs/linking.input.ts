import { z } from 'zod';

const token = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'base64url')
    .length(Math.ceil((bytes * 4) / 3), `${bytes} bytes, base64url`);

export const deviceName = z.string().trim().min(1).max(50);

export const approveLinkInput = z.object({ link_code: token(16) });
export type ApproveLinkInput = z.infer<typeof approveLinkInput>;

export const completeLinkInput = z.object({
  link_code: token(16),
  link_secret: token(32),
  name: deviceName.optional(),
});
export type CompleteLinkInput = z.infer<typeof completeLinkInput>;

export const deviceIdParams = z.object({
  device_id: z.coerce.number().int().min(1).max(127),
});
