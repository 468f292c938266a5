import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Download URLs expire like Meta's (5 minutes by default): the URL carries its expiry and an HMAC of media id and
 * expiry under SECRET_KEY, so a leaked URL is useless after the expiry even to a holder of the business's key, and
 * a URL cannot be forged for another id. The download still requires the business's Bearer key, as Meta's does.
 */
export class DownloadUrls {
  constructor(
    private readonly secretKey: string,
    private readonly baseUrl: string,
    private readonly ttlSeconds: number,
  ) {}

  create(mediaId: string, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + this.ttlSeconds;
    const url = new URL(`/media/${mediaId}/download`, this.baseUrl);
    url.searchParams.set('expires', String(expires));
    url.searchParams.set('signature', this.sign(mediaId, expires));
    return url.toString();
  }

  /** Whether `expires`/`signature` are a live signature of `mediaId`. */
  verify(mediaId: string, expires: number, signature: string, now = Date.now()): boolean {
    if (!Number.isSafeInteger(expires) || expires * 1000 < now) return false;
    const want = Buffer.from(this.sign(mediaId, expires));
    const got = Buffer.from(signature);
    return got.length === want.length && timingSafeEqual(got, want);
  }

  private sign(mediaId: string, expires: number): string {
    return createHmac('sha256', this.secretKey).update(`media-download:${mediaId}:${expires}`).digest('base64url');
  }
}
