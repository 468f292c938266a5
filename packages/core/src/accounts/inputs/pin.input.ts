import { z } from 'zod';
import { pin } from './verification.input';

/** Setting a PIN the first time needs only `pin`; changing one needs the current PIN too. */
export const setPinInput = z.object({ pin, current_pin: pin.optional() });
export type SetPinInput = z.infer<typeof setPinInput>;

export const disablePinInput = z.object({ pin });
export type DisablePinInput = z.infer<typeof disablePinInput>;
