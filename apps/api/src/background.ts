import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InboxEventsPurge } from '@switchboard/business/inbox/live/inbox-events-purge';
import { LiveInbox } from '@switchboard/business/inbox/live/live-inbox';
import { MediaPurgeService } from '@switchboard/business/media/media-purge.service';
import { IdempotencyPurgeService } from '@switchboard/business/messages/idempotency/idempotency-purge.service';
import type { Config } from '@switchboard/config';
import { AttachmentPurgeService } from '@switchboard/core/attachments/attachment-purge.service';
import { GroupReceipts } from '@switchboard/core/groups/group-receipts';
import { MailboxPurgeService } from '@switchboard/core/messaging/purge/mailbox-purge.service';
import { NodeLiveness } from '@switchboard/core/messaging/routing/node-liveness';
import { StatusService } from '@switchboard/core/status/status.service';
import {
  BackgroundService,
  CONFIG,
  type LoopBindings,
  NodeRegistryService,
  type ProviderLookup,
  QueuesService,
  RedisService,
} from '@switchboard/platform';

/** The API process's background work: the loops `background` (packages/jobs) declares for API nodes. */
@Injectable()
export class ApiBackground extends BackgroundService {
  constructor(@Inject(CONFIG) config: Config, queues: QueuesService, redis: RedisService, moduleRef: ModuleRef) {
    super('api', config, queues, redis, moduleRef);
  }

  protected bindings(get: ProviderLookup): LoopBindings {
    return {
      nodeHeartbeat: { pass: () => get(NodeRegistryService).beat() },
      // A missed beat is logged by the loop; the next one retries.
      nodeLiveness: { pass: () => get(NodeLiveness).beat() },
      mailboxPurge: { pass: () => get(MailboxPurgeService).purge(Date.now()) },
      mailboxExpiry: { pass: () => get(MailboxPurgeService).expire(Date.now()) },
      groupMessageInfoPurge: { pass: () => get(GroupReceipts).purge(Date.now()) },
      statusPurge: { pass: () => get(StatusService).purge(Date.now()) },
      attachmentPurge: { pass: () => get(AttachmentPurgeService).purge(new Date()) },
      mediaPurge: { pass: () => get(MediaPurgeService).purge(new Date()) },
      idempotencyPurge: { pass: () => get(IdempotencyPurgeService).purge() },
      inboxLiveCatchUp: { pass: () => get(LiveInbox).pullAll() },
      inboxLivePing: { pass: () => get(LiveInbox).ping() },
      inboxEventsPurge: { pass: () => get(InboxEventsPurge).purge() },
    };
  }
}
