import { z } from 'zod';

const email = z.string().trim().toLowerCase().email().max(254);
const password = z.string().min(1).max(128);

export const signInBody = z.object({ email, password, rememberMe: z.boolean().optional() }).strict();
export const passwordBody = z.object({ password }).strict();
export const totpBody = z
  .object({
    code: z.string().regex(/^\d{6}$/, 'the 6-digit code from the authenticator app'),
    trustDevice: z.boolean().optional(),
  })
  .strict();

export type SignInBody = z.infer<typeof signInBody>;
export type PasswordBody = z.infer<typeof passwordBody>;
export type TotpBody = z.infer<typeof totpBody>;
