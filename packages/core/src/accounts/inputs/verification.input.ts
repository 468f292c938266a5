import { z } from 'zod';
import { deviceName } from '../../devices/inputs/linking.input';
import { phoneNumber } from './phone-number';

export const pin = z.string().regex(/^[0-9]{6}$/, 'expected 6 digits');

export const requestCodeInput = z.object({ number: phoneNumber });
export type RequestCodeInput = z.infer<typeof requestCodeInput>;

export const registerInput = z.object({
  number: phoneNumber,
  code: z.string().regex(/^[0-9]{6}$/, 'expected the 6-digit code'),
  pin: pin.optional(),
  name: deviceName.optional(),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const devCodeQuery = z.object({ number: phoneNumber });
