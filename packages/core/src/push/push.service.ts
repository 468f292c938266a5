import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { assertPublicUrl, OutboundRefused } from '@switchboard/webhooks';
import type { AuthenticatedDevice } from '../auth/device-auth.service';
import { ApiError } from '../errors/api-error';
import { endpointPolicy } from './endpoint-policy';
import type { RegisterPushInput } from './inputs/register-push.input';
import { PushRepository } from './push.repository';

/** Devices registering where their wake-ups go. */
@Injectable()
export class PushService {
  constructor(
    private readonly repository: PushRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** The VAPID public key a browser subscribes with (applicationServerKey); 404 while Web Push is off. */
  vapidKey(): { public_key: string } {
    const vapid = this.config.core.push.vapid;
    if (!vapid) throw ApiError.notFound('a VAPID key (Web Push is not configured: PUSH_VAPID_PUBLIC_KEY)');
    return { public_key: vapid.publicKey };
  }

  async register(device: AuthenticatedDevice, input: RegisterPushInput): Promise<void> {
    if (input.provider !== 'webpush') {
      await this.repository.save(device, { provider: input.provider, endpoint: input.token, p256dh: null, auth: null });
      return;
    }
    if (!this.config.core.push.vapid) throw ApiError.invalidParameter('provider: Web Push is not configured here');
    await this.checkEndpoint(new URL(input.endpoint));
    await this.repository.save(device, {
      provider: 'webpush',
      endpoint: input.endpoint,
      p256dh: input.keys?.p256dh ?? null,
      auth: input.keys?.auth ?? null,
    });
  }

  unregister(device: AuthenticatedDevice): Promise<void> {
    return this.repository.remove(device);
  }

  // Refused now, before anything is stored or sent: the sender checks again at every request (DNS can change).
  private async checkEndpoint(url: URL): Promise<void> {
    const { policy, httpAllowed } = endpointPolicy(url, this.config);
    if (url.protocol !== 'https:' && !httpAllowed) throw ApiError.invalidParameter('endpoint: expected an https URL');
    try {
      await assertPublicUrl(url, policy);
    } catch (err) {
      if (err instanceof OutboundRefused) throw ApiError.invalidParameter(`endpoint: ${err.message}`);
      throw err;
    }
  }
}
