import { z } from 'zod';

const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'expected base64url');
/** FCM registration tokens are ~150-250 characters; APNs device tokens 64 hex digits (longer ones are allowed). */
const token = z
  .string()
  .min(32)
  .max(4096)
  .regex(/^[A-Za-z0-9_:.-]+$/, 'expected a push token');

/** PUT /v1/devices/push: where the calling device wants its wake-ups (replaces what it had). */
export const registerPushInput = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('webpush'),
    /** PushSubscription.endpoint, as the browser's pushManager.subscribe() gives it. */
    endpoint: z.url({ protocol: /^https?$/ }).max(2048),
    keys: z.object({ p256dh: base64url(80, 100), auth: base64url(16, 30) }).optional(),
  }),
  z.object({ provider: z.literal('fcm'), token }),
  z.object({ provider: z.literal('apns'), token }),
]);
export type RegisterPushInput = z.infer<typeof registerPushInput>;
