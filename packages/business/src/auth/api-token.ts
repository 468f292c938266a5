import { createHmac, randomBytes } from 'node:crypto';

const TOKEN = /^sb_live_[A-Za-z0-9_-]{43}$/;

/** A new API key: 256 random bits, recognisable by its prefix (secret scanners and people alike). */
export const newApiToken = (): string => `sb_live_${randomBytes(32).toString('base64url')}`;

/**
 * What the database keeps: HMAC-SHA256 keyed with SECRET_KEY. The token has 256 bits of entropy, so a fast keyed hash
 * is enough, and a stolen database alone cannot check guesses.
 */
export const hashApiToken = (secretKey: string, token: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(createHmac('sha256', secretKey).update(token).digest());

/** The token of `Authorization: Bearer <token>`, or undefined when the header is missing or not one of ours. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match && TOKEN.test(match[1]!) ? match[1] : undefined;
}
