import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ProfileRepository } from './profile.repository';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';

/** Encrypted profiles, privacy settings and owners' contact lists. Presence reads the settings through the service. */
@Module({
  imports: [AuthModule],
  controllers: [ProfilesController],
  providers: [ProfilesService, ProfileRepository],
  exports: [ProfilesService],
})
export class ProfilesModule {}
