import type { Config } from '@switchboard/config';
import { endpointPolicy } from '@switchboard/core/push/endpoint-policy';
import type { PushTarget } from '@switchboard/core/push/push.repository';
import { guardRequest } from '@switchboard/webhooks';
import webpush from 'web-push';
import { post } from './https-post';
import { outcomeOf, type PushOutcome, type PushProvider } from './push-provider';

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292): the `web-push` library signs the request; it goes out through the outbound
 * guard (endpoint-policy.ts), vetted again at every request. No payload: nothing to encrypt, nothing to read.
 */
export class WebPushProvider implements PushProvider {
  readonly kind = 'webpush';

  constructor(private readonly config: Config) {}

  async wake(target: PushTarget): Promise<PushOutcome> {
    const vapid = this.config.core.push.vapid;
    if (!vapid) return 'refused'; // Web Push switched off after the device registered
    const url = new URL(target.endpoint);
    const { policy, httpAllowed } = endpointPolicy(url, this.config);
    if (url.protocol !== 'https:' && !httpAllowed) return 'gone';
    const request = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: '', auth: '' } },
      null,
      {
        vapidDetails: vapid,
        TTL: this.config.core.push.ttlSeconds,
        urgency: 'high',
      },
    );
    const { lookup } = guardRequest(url, policy); // throws OutboundRefused for a literal private address
    return outcomeOf((await post(url, request.headers, null, lookup)).status);
  }
}
