import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { ConsumerLimitsModule } from '../limits/consumer-limits.module';
import { PushModule } from '../push/push.module';
import { DeviceDirectory } from './device-directory';
import { AckRepository } from './mailbox/ack.repository';
import { MailboxRepository } from './mailbox/mailbox.repository';
import { MailboxService } from './mailbox/mailbox.service';
import { MailboxCounters } from './mailbox/mailbox-counters';
import { MailboxDb } from './mailbox/mailbox-db';
import { MailboxPurgeRepository } from './purge/mailbox-purge.repository';
import { MailboxPurgeService } from './purge/mailbox-purge.service';
import { ReceiptService } from './receipts/receipt.service';
import { ReceiptFactory } from './receipts/receipt-factory';
import { ReceiptFacts } from './receipts/receipt-facts';
import { RelayService } from './relay/relay.service';
import { DeliveryRouter } from './routing/delivery-router';
import { NodeBus } from './routing/node-bus';
import { NodeLiveness } from './routing/node-liveness';
import { RouteTable } from './routing/route-table';
import { ThisNode } from './routing/this-node';
import { SendService } from './send/send.service';

/**
 * Store-and-forward: sends, the per-device mailbox in Postgres, receipts, the TTL purge, and
 * routing to whichever node holds a device's connection. The gateway is its only caller.
 */
@Module({
  imports: [DevicesModule, ConsumerLimitsModule, PushModule], // DeviceEvents (removals); device sets are read directly, batched (DeviceDirectory)
  providers: [
    AckRepository,
    DeviceDirectory,
    MailboxDb,
    MailboxRepository,
    MailboxService,
    MailboxCounters,
    MailboxPurgeRepository,
    MailboxPurgeService,
    ReceiptFactory,
    ReceiptFacts,
    ReceiptService,
    RelayService,
    DeliveryRouter,
    NodeBus,
    NodeLiveness,
    RouteTable,
    ThisNode,
    SendService,
  ],
  exports: [
    MailboxDb,
    MailboxRepository,
    MailboxService,
    MailboxCounters,
    RelayService,
    SendService,
    ReceiptService,
    ReceiptFacts,
    DeviceDirectory,
    DeliveryRouter,
    NodeBus,
    NodeLiveness,
    RouteTable,
    ThisNode,
  ],
})
export class MessagingModule {}
