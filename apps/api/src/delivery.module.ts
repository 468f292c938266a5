import { Module } from '@nestjs/common';
import { AttachmentsModule } from '@switchboard/core/attachments/attachments.module';
import { MessagingModule } from '@switchboard/core/messaging/messaging.module';
import { GatewayModule } from './gateway/gateway.module';

/**
 * How messages move in the core: the device WebSocket gateway, store-and-forward, and the
 * encrypted attachments messages point to. Needs the `ws` WebSocket adapter (bootstrap.ts) and the identity side
 * (IdentityModule) for credentials and device sets.
 */
@Module({
  imports: [GatewayModule, MessagingModule, AttachmentsModule],
  exports: [GatewayModule, MessagingModule, AttachmentsModule],
})
export class DeliveryModule {}
