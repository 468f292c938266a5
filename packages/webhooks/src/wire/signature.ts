import { createHmac, timingSafeEqual } from 'node:crypto';

/** The X-Hub-Signature-256 header value: `sha256=` and the hex HMAC-SHA256 of the raw body under the app secret. */
export function signatureHeader(appSecret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** What a receiver does: recompute over the raw bytes and compare in constant time. */
export function verifySignature(appSecret: string, body: string | Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signatureHeader(appSecret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
