import { Injectable } from '@nestjs/common';
import { WebhooksDb } from '../db/webhooks-db';
import { WebhookSecrets } from '../secrets/webhook-secrets';

/** Where and how to deliver for one subscription, read fresh for every batch so an update applies at once. */
export interface SubscriptionTarget {
  id: string;
  businessId: string;
  callbackUrl: string;
  appSecret: string;
  /** Several changes per POST (opt-in); otherwise exactly one. */
  batching: boolean;
}

@Injectable()
export class SubscriptionTargets {
  constructor(
    private readonly db: WebhooksDb,
    private readonly secrets: WebhookSecrets,
  ) {}

  /** null when the subscription is gone (deleted, or never existed). */
  async load(subscriptionId: string): Promise<SubscriptionTarget | null> {
    const { rows } = await this.db.query<{
      businessId: string;
      callbackUrl: string;
      appSecretEnc: Buffer;
      batching: boolean;
    }>(
      `SELECT "businessId", "callbackUrl", "appSecretEnc", "batching" FROM "WebhookSubscription"
       WHERE "id" = $1 AND "deletedAt" IS NULL`,
      [subscriptionId],
    );
    const row = rows[0];
    if (!row) return null;
    const appSecret = this.secrets.open(subscriptionId, 'app_secret', row.appSecretEnc);
    const { businessId, callbackUrl, batching } = row;
    return { id: subscriptionId, businessId, callbackUrl, appSecret, batching };
  }
}
