import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SnoozeWakeService } from '@switchboard/business/inbox/conversations/snooze-wake.service';
import { InboxEventsPurge } from '@switchboard/business/inbox/live/inbox-events-purge';
import { MediaPurgeService } from '@switchboard/business/media/media-purge.service';
import { IdempotencyPurgeService } from '@switchboard/business/messages/idempotency/idempotency-purge.service';
import type { Config } from '@switchboard/config';
import { AttachmentPurgeService } from '@switchboard/core/attachments/attachment-purge.service';
import { MailboxPurgeService } from '@switchboard/core/messaging/purge/mailbox-purge.service';
import {
  BackgroundService,
  CONFIG,
  type LoopBindings,
  NodeRegistryService,
  type ProviderLookup,
  QueuesService,
  RedisService,
} from '@switchboard/platform';
import { MailboxDrainer } from '../business-device/inbound/mailbox-drainer';
import { OutboxConsumer } from '../business-device/send/outbox-consumer';

/**
 * The worker process's background work: the periodic jobs `background` (packages/jobs) declares for workers, and these
 * loops' implementations.
 */
@Injectable()
export class WorkerBackground extends BackgroundService {
  constructor(@Inject(CONFIG) config: Config, queues: QueuesService, redis: RedisService, moduleRef: ModuleRef) {
    super('worker', config, queues, redis, moduleRef);
  }

  protected bindings(get: ProviderLookup): LoopBindings {
    const outbox = get(OutboxConsumer);
    return {
      nodeHeartbeat: { pass: () => get(NodeRegistryService).beat() },
      sendOutbox: { start: () => outbox.listen(), pass: () => outbox.wake() },
      businessMailbox: { pass: () => get(MailboxDrainer).tick() },
      mailboxPurge: { pass: () => get(MailboxPurgeService).purge(Date.now()) },
      attachmentPurge: { pass: () => get(AttachmentPurgeService).purge(new Date()) },
      mediaPurge: { pass: () => get(MediaPurgeService).purge(new Date()) },
      idempotencyPurge: { pass: () => get(IdempotencyPurgeService).purge() },
      inboxSnoozeWake: { pass: () => get(SnoozeWakeService).wake() },
      inboxEventsPurge: { pass: () => get(InboxEventsPurge).purge() },
    };
  }
}
