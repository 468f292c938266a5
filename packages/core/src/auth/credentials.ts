import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new device password: 32 random bytes, base64url. Shown to the device once, never stored. */
export const newPassword = (): string => randomBytes(32).toString('base64url');

/**
 * What the database keeps: HMAC-SHA256 keyed with SECRET_KEY. The password has 256 bits of entropy, so a fast keyed
 * hash is enough (no slow KDF needed, unlike a PIN), and a stolen database alone cannot check guesses.
 */
export const hashCredential = (secretKey: string, password: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(createHmac('sha256', secretKey).update(password).digest());

export const credentialMatches = (secretKey: string, password: string, stored: Uint8Array): boolean => {
  const actual = hashCredential(secretKey, password);
  return stored.length === actual.length && timingSafeEqual(actual, stored);
};

export interface DeviceCredentials {
  accountId: string;
  deviceId: number;
  password: string;
}

/** The value devices send: `Authorization: Basic base64("<accountId>.<deviceId>:<password>")`. */
export const basicAuthorization = ({ accountId, deviceId, password }: DeviceCredentials): string =>
  `Basic ${Buffer.from(`${accountId}.${deviceId}:${password}`).toString('base64')}`;

const USER = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([1-9][0-9]{0,2})$/i;

/** Parses an Authorization header (or the same value from `?auth=`); undefined when it is not well formed. */
export function parseBasicAuthorization(header: string | undefined): DeviceCredentials | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]{1,512})$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = USER.exec(decoded.slice(0, colon));
  const password = decoded.slice(colon + 1);
  if (colon < 0 || !user || !password) return undefined;
  const deviceId = Number(user[2]);
  if (deviceId > 127) return undefined; // libsignal's device id range
  return { accountId: user[1]!.toLowerCase(), deviceId, password };
}
