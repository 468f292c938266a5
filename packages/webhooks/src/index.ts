// Business webhooks shared by the API (subscriptions, emit) and the workers (delivery): see docs/business.md.
export { WebhooksDb } from './db/webhooks-db';
export { backoffCeilingMs, backoffMs } from './delivery/backoff';
export { DeliveryService, type DrainResult } from './delivery/delivery.service';
export { EMPTIED_EVENT_VALUE, isWebhookField, WEBHOOK_FIELDS, WEBHOOK_OBJECT, type WebhookField } from './fields';
export { type OutboundResponse, outboundGet } from './outbound/outbound-get';
export { assertPublicUrl, guardRequest, OutboundRefused, type PrivateNetworks } from './outbound/outbound-guard';
export { type EmitOptions, type RawQueryClient, WebhookEventsService } from './outbox/webhook-events.service';
export { SecretBox } from './secrets/secret-box';
export { type SubscriptionSecret, WebhookSecrets } from './secrets/webhook-secrets';
export { SweeperService, type SweepResult } from './sweeper/sweeper.service';
export { WakeService } from './wake/wake.service';
export { WebhookDeliveryModule, WebhookEventsModule } from './webhooks.modules';
export { envelope, type StoredChange, splitBatches } from './wire/envelope';
export { type HandshakeResult, verifyCallback } from './wire/handshake';
export { escapeJsonLikeMeta, metaJson } from './wire/meta-json';
export { signatureHeader, verifySignature } from './wire/signature';
