import { createSign } from 'node:crypto';
import type { PushTarget } from '@switchboard/core/push/push.repository';
import { post } from './https-post';
import { outcomeOf, type PushOutcome, type PushProvider } from './push-provider';

/** The fields of a Google service account key file (FCM_CREDENTIALS_FILE) this provider uses. */
export interface ServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
  token_uri: string;
}

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * Firebase Cloud Messaging, HTTP v1 API: an OAuth 2 access token from the service account (a JWT signed RS256,
 * exchanged at its token_uri, reused until a minute before it expires), then one high-priority data message per
 * wake-up whose only field is `wake`. FCM answers 404 (UNREGISTERED) for a token that is gone.
 */
export class FcmProvider implements PushProvider {
  readonly kind = 'fcm';
  private token?: { value: string; until: number };

  constructor(
    private readonly account: ServiceAccount,
    private readonly apiUrl: string,
    private readonly ttlSeconds: number,
  ) {}

  async wake(target: PushTarget): Promise<PushOutcome> {
    const url = new URL(`/v1/projects/${encodeURIComponent(this.account.project_id)}/messages:send`, this.apiUrl);
    const message = {
      token: target.endpoint,
      data: { wake: '1' },
      android: { priority: 'HIGH', ttl: `${this.ttlSeconds}s` },
      apns: {
        headers: { 'apns-push-type': 'background', 'apns-priority': '5' },
        payload: { aps: { 'content-available': 1 } },
      },
    };
    const body = Buffer.from(JSON.stringify({ message }));
    const headers = { authorization: `Bearer ${await this.accessToken()}`, 'content-type': 'application/json' };
    const { status } = await post(url, { ...headers, 'content-length': body.length }, body);
    if (status === 401) this.token = undefined; // revoked or expired early: the retry fetches a new one
    return outcomeOf(status);
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: this.account.client_email,
      scope: SCOPE,
      aud: this.account.token_uri,
      iat: now,
      exp: now + 3600,
    };
    const unsigned = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(claims)}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(this.account.private_key).toString('base64url');
    const form = Buffer.from(
      new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: `${unsigned}.${signature}`,
      }).toString(),
    );
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': form.length };
    const { status, body } = await post(new URL(this.account.token_uri), headers, form);
    if (status !== 200) throw new Error(`FCM token exchange answered ${status}`);
    const { access_token, expires_in } = JSON.parse(body.toString('utf8')) as {
      access_token: string;
      expires_in: number;
    };
    this.token = { value: access_token, until: Date.now() + (expires_in - 60) * 1000 };
    return access_token;
  }
}
