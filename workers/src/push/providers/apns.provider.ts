import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import http2 from 'node:http2';
import type { PushTarget } from '@switchboard/core/push/push.repository';
import { outcomeOf, type PushOutcome, type PushProvider } from './push-provider';

export interface ApnsOptions {
  /** The .p8 signing key's contents, its key id and the team id (token-based authentication). */
  privateKey: string;
  keyId: string;
  teamId: string;
  /** The app's bundle id. */
  topic: string;
  /** `https://api.push.apple.com` (or the sandbox's). */
  url: string;
  ttlSeconds: number;
}

const TIMEOUT_MS = 10_000;
// Apple refuses provider tokens older than an hour and throttles ones renewed more often than every 20 minutes.
const TOKEN_MS = 40 * 60_000;
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * Apple Push Notification service over HTTP/2 with a provider token (ES256 JWT): a background push (`content-available`,
 * priority 5, no alert) per wake-up on one long-lived connection. APNs answers 410 for a token no longer valid.
 */
export class ApnsProvider implements PushProvider {
  readonly kind = 'apns';
  private readonly key: KeyObject;
  private token?: { value: string; until: number };
  private session?: http2.ClientHttp2Session;

  constructor(private readonly options: ApnsOptions) {
    this.key = createPrivateKey(options.privateKey);
  }

  async wake(target: PushTarget): Promise<PushOutcome> {
    const expiration = Math.floor(Date.now() / 1000) + this.options.ttlSeconds;
    const req = this.connection().request({
      ':method': 'POST',
      ':path': `/3/device/${encodeURIComponent(target.endpoint)}`,
      authorization: `bearer ${this.providerToken()}`,
      'apns-topic': this.options.topic,
      'apns-push-type': 'background',
      'apns-priority': '5',
      'apns-expiration': String(expiration),
    });
    const status = await new Promise<number>((resolve, reject) => {
      req.setTimeout(TIMEOUT_MS, () => req.close(http2.constants.NGHTTP2_CANCEL));
      req.on('response', (headers) => resolve(Number(headers[':status'])));
      req.on('error', reject);
      req.on('close', () => reject(new Error('APNs stream closed without an answer')));
      req.end(JSON.stringify({ aps: { 'content-available': 1 } }));
    });
    req.resume();
    if (status === 403) this.token = undefined; // ExpiredProviderToken and kin: the retry signs a new one
    return outcomeOf(status);
  }

  close(): void {
    this.session?.close();
  }

  private connection(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = http2.connect(this.options.url);
    session.on('error', () => undefined); // the request in flight fails; the next one reconnects
    session.unref();
    this.session = session;
    return session;
  }

  private providerToken(): string {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const { keyId, teamId } = this.options;
    const unsigned = `${b64url({ alg: 'ES256', kid: keyId })}.${b64url({ iss: teamId, iat: Math.floor(Date.now() / 1000) })}`;
    const signature = sign('sha256', Buffer.from(unsigned), { key: this.key, dsaEncoding: 'ieee-p1363' });
    this.token = { value: `${unsigned}.${signature.toString('base64url')}`, until: Date.now() + TOKEN_MS };
    return this.token.value;
  }
}
