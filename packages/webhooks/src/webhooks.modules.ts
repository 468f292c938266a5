import { Module } from '@nestjs/common';
import { WebhooksDb } from './db/webhooks-db';
import { DeliveriesRepository } from './delivery/deliveries.repository';
import { DeliveryService } from './delivery/delivery.service';
import { SubscriptionTargets } from './delivery/subscription-target';
import { CommitWatcher } from './outbox/commit-watcher';
import { WebhookEventsService } from './outbox/webhook-events.service';
import { WebhookSecrets } from './secrets/webhook-secrets';
import { SweeperService } from './sweeper/sweeper.service';
import { WakeService } from './wake/wake.service';

/**
 * Emitting webhook events: import this in any module (API or workers) whose features call WebhookEventsService.
 * Needs InfraModule (config, Redis, queues) in the application, as every Switchboard app has.
 */
@Module({
  providers: [WebhooksDb, WakeService, CommitWatcher, WebhookEventsService, WebhookSecrets],
  exports: [WebhooksDb, WakeService, WebhookEventsService, WebhookSecrets],
})
export class WebhookEventsModule {}

/** Delivering them: the worker process's side (drain jobs and the sweeper; `webhooksSweep` in the background list). */
@Module({
  imports: [WebhookEventsModule],
  providers: [DeliveriesRepository, SubscriptionTargets, DeliveryService, SweeperService],
  exports: [DeliveryService, SweeperService],
})
export class WebhookDeliveryModule {}
