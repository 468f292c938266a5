import { createHash } from 'node:crypto';
import { DIGEST_BYTES } from './codecs/group';

/**
 * The digest a GroupSend may carry instead of its full device list: SHA-256 over every recipient device as
 * `accountId.deviceId.registrationId` lines, sorted, cut to 16 bytes. Sender and server compute it the same way.
 */
export function devicesDigest(devices: { accountId: string; deviceId: number; registrationId: number }[]): Uint8Array {
  const lines = devices.map((d) => `${d.accountId}.${d.deviceId}.${d.registrationId}`).sort();
  return new Uint8Array(createHash('sha256').update(lines.join('\n')).digest().subarray(0, DIGEST_BYTES));
}
