import { z } from 'zod';
import { eventParams } from '../../../webhooks/events/inputs/event.input';

// The business API's own webhook inputs, addressed by the console's `businessId` instead of Graph's `waba_id`.
export const consoleEventParams = eventParams.omit({ waba_id: true }).extend({ businessId: z.string().min(1).max(64) });
export type ConsoleEventParams = z.infer<typeof consoleEventParams>;
