// The idle devices of the `connections` suite, derived from a seed and an index: the bench seeds them into the
// database and each holder process derives its own share of credentials, so hundreds of thousands of them never
// travel between processes.
import { createHash } from 'node:crypto';
import { basicAuthorization, hashCredential } from '@switchboard/core/auth/credentials';

export interface FleetDevice {
  accountId: string;
  deviceId: 1;
  registrationId: number;
  password: string;
  authorization: string;
}

export function fleetDevice(seed: string, index: number): FleetDevice {
  const h = createHash('sha256').update(`${seed}:${index}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x40; // a version-4 shaped UUID
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  const accountId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const password = createHash('sha256').update(`${seed}:password:${index}`).digest('base64url');
  const registrationId = 1 + (h.readUInt16BE(16) % 16_380);
  return {
    accountId,
    deviceId: 1,
    registrationId,
    password,
    authorization: basicAuthorization({ accountId, deviceId: 1, password }),
  };
}

/** The rows' credential hash, as the API computes it with its SECRET_KEY. */
export const fleetCredentialHash = (secretKey: string, device: FleetDevice): Buffer =>
  Buffer.from(hashCredential(secretKey, device.password));
