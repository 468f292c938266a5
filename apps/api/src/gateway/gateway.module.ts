import { Module } from '@nestjs/common';
import { AuthModule } from '@switchboard/core/auth/auth.module';
import { DevicesModule } from '@switchboard/core/devices/devices.module';
import { GroupsModule } from '@switchboard/core/groups/groups.module';
import { KeysModule } from '@switchboard/core/keys/keys.module';
import { MessagingModule } from '@switchboard/core/messaging/messaging.module';
import { PresenceModule } from '@switchboard/core/presence/presence.module';
import { DeviceGateway } from './device.gateway';
import { DeviceRemovalListener } from './device-removal.listener';
import { FloodCooldown } from './flood-cooldown';
import { GatewayService } from './gateway.service';
import { PreKeysLowListener } from './prekeys-low.listener';
import { PresenceHub } from './presence-hub';
import { SessionRegistry } from './session-registry';

/** Devices' WebSocket connections on this node. */
@Module({
  imports: [AuthModule, DevicesModule, KeysModule, MessagingModule, PresenceModule, GroupsModule],
  providers: [
    DeviceGateway,
    SessionRegistry,
    GatewayService,
    DeviceRemovalListener,
    PreKeysLowListener,
    PresenceHub,
    FloodCooldown,
  ],
  exports: [GatewayService],
})
export class GatewayModule {}
