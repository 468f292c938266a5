import { Module } from '@nestjs/common';
import { WebhookEventsModule } from '@switchboard/webhooks';
import { BusinessAuthModule } from '../auth/business-auth.module';
import { GraphIdsModule } from '../common/ids.module';
import { EventLogService } from './events/event-log.service';
import { EventsController } from './events/events.controller';
import { ReplayService } from './events/replay.service';
import { SentPosts } from './events/sent-posts';
import { CallbackVerifier } from './subscriptions/callback-verifier';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/**
 * Webhooks in the API: subscriptions (with Meta's handshake), the event log and replay. Emitting and delivering live
 * in @switchboard/webhooks, shared with the workers; this module re-exports WebhookEventsModule, so a business
 * feature imports BusinessWebhooksModule (or WebhookEventsModule directly) and injects WebhookEventsService.
 */
@Module({
  imports: [BusinessAuthModule, GraphIdsModule, WebhookEventsModule],
  controllers: [SubscriptionsController, EventsController],
  providers: [CallbackVerifier, SubscriptionsService, EventLogService, ReplayService, SentPosts],
  exports: [WebhookEventsModule, SubscriptionsService, EventLogService, ReplayService],
})
export class BusinessWebhooksModule {}
