import { Module } from '@nestjs/common';
import { ConsumerLimitsModule } from '../limits/consumer-limits.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { PresenceService } from './presence.service';
import { PresenceChannels } from './presence-channels';
import { PresenceStateStore } from './presence-state';

/** Online / last seen and typing indicators, across nodes through Redis; the gateway is its only caller. */
@Module({
  imports: [ProfilesModule, ConsumerLimitsModule],
  providers: [PresenceChannels, PresenceStateStore, PresenceService],
  exports: [PresenceService],
})
export class PresenceModule {}
