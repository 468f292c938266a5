import { Module } from '@nestjs/common';
import { GraphObjectsModule } from '@switchboard/business/common/graph-objects/graph-objects.module';
import { ContactsModule } from '@switchboard/business/contacts/contacts.module';
import { InboxModule } from '@switchboard/business/inbox/inbox.module';
import { LimitsModule } from '@switchboard/business/limits/limits.module';
import { MediaModule } from '@switchboard/business/media/media.module';
import { MessagesModule } from '@switchboard/business/messages/messages.module';
import { AttachmentsModule } from '@switchboard/core/attachments/attachments.module';
import { DevicesModule } from '@switchboard/core/devices/devices.module';
import { KeysModule } from '@switchboard/core/keys/keys.module';
import { MessagingModule } from '@switchboard/core/messaging/messaging.module';
import { WebhookEventsModule } from '@switchboard/webhooks';
import { FlowsRuntimeModule } from '../flows/flows-runtime.module';
import { BusinessCrypto } from './business-crypto';
import { CoreLink } from './core-link';
import { DeviceMessagesRepository } from './device-messages.repository';
import { InboundHandler } from './inbound/inbound-handler';
import { MailboxDrainer } from './inbound/mailbox-drainer';
import { DeviceKeysRepository } from './keystore/device-keys.repository';
import { KeyCache } from './keystore/key-cache';
import { InboundMedia } from './media/inbound-media';
import { OutboundMedia } from './media/outbound-media';
import { PricingRepository } from './pricing/pricing.repository';
import { ProvisioningService } from './provisioning.service';
import { BatchSender } from './send/batch-sender';
import { BusinessSender } from './send/business-sender';
import { OutboxConsumer } from './send/outbox-consumer';
import { SendOutboxRepository } from './send/send-outbox.repository';
import { StatusReporter } from './statuses';
import { NumberMetadataCache } from './webhook-values';

/**
 * The business's server-side device (docs/business.md "The business device"): provisioning,
 * Signal state sealed in Postgres, the SendOutbox consumer, and the mailbox drainer for replies and receipts. Runs in
 * the worker process; it talks to the core in-process (SendService, ReceiptService, MailboxService).
 */
@Module({
  // GraphObjectsModule: MessagesModule's media and templates register their Graph objects at init (global in the API).
  imports: [
    GraphObjectsModule,
    DevicesModule,
    KeysModule,
    MessagingModule,
    AttachmentsModule,
    MediaModule,
    MessagesModule,
    ContactsModule,
    LimitsModule,
    WebhookEventsModule,
    FlowsRuntimeModule,
    InboxModule,
  ],
  providers: [
    DeviceKeysRepository,
    KeyCache,
    BusinessCrypto,
    ProvisioningService,
    CoreLink,
    NumberMetadataCache,
    PricingRepository,
    StatusReporter,
    OutboundMedia,
    InboundMedia,
    SendOutboxRepository,
    DeviceMessagesRepository,
    BusinessSender,
    BatchSender,
    OutboxConsumer,
    InboundHandler,
    MailboxDrainer,
  ],
  exports: [ProvisioningService, OutboxConsumer, StatusReporter],
})
export class BusinessDeviceModule {}
