import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { SecretBox } from './secret-box';

export type SubscriptionSecret = 'app_secret' | 'verify_token';

/** Seals a subscription's app secret and verify token, bound to the subscription id and to which secret it is. */
@Injectable()
export class WebhookSecrets {
  private readonly box: SecretBox;

  constructor(@Inject(CONFIG) config: Config) {
    this.box = new SecretBox(config.secretKey, 'webhook-subscription');
  }

  seal(subscriptionId: string, kind: SubscriptionSecret, plaintext: string): Uint8Array<ArrayBuffer> {
    return this.box.seal(plaintext, `${subscriptionId}:${kind}`);
  }

  open(subscriptionId: string, kind: SubscriptionSecret, sealed: Uint8Array): string {
    return this.box.open(sealed, `${subscriptionId}:${kind}`);
  }
}
