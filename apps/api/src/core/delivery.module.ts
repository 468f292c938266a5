import { Module } from '@nestjs/common';
import { GatewayModule } from './gateway/gateway.module';
import { MessagingModule } from './messaging/messaging.module';

/**
 * How messages move in the core (team B of issue 3): the device WebSocket gateway and store-and-forward. Needs the
 * `ws` WebSocket adapter (bootstrap.ts) and the identity side (IdentityModule) for credentials and device sets.
 */
@Module({ imports: [GatewayModule, MessagingModule], exports: [GatewayModule, MessagingModule] })
export class DeliveryModule {}
