import { CoreErrors } from '../../common/core-errors';
import type { SmsMessage, SmsSender } from './sms-sender';

const TIMEOUT_MS = 5000;

/**
 * Production: POSTs `{"to","body"}` as JSON to SMS_PROVIDER_URL (with `Authorization: Bearer SMS_PROVIDER_TOKEN` when
 * set) and expects a 2xx. A small adapter service in front of the real SMS vendor keeps vendor specifics out of here.
 */
export class HttpSmsSender implements SmsSender {
  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {}

  async send({ to, body }: SmsMessage): Promise<void> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.token && { authorization: `Bearer ${this.token}` }) },
        body: JSON.stringify({ to, body }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw CoreErrors.smsUnavailable(`SMS provider unreachable: ${(err as Error).message}`);
    }
    await res.body?.cancel();
    if (!res.ok) throw CoreErrors.smsUnavailable(`SMS provider answered ${res.status}`);
  }
}

/** Production without a provider URL: refuse, rather than log codes where operators (or attackers) could read them. */
export class UnconfiguredSmsSender implements SmsSender {
  async send(): Promise<void> {
    throw CoreErrors.smsUnavailable('SMS_PROVIDER_URL is not configured');
  }
}
