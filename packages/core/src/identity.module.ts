import { type DynamicModule, Module } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { DevicesModule } from './devices/devices.module';
import { DirectoryModule } from './directory/directory.module';
import { KeysModule } from './keys/keys.module';
import { ProfilesModule } from './profiles/profiles.module';

/**
 * Who is who in the core: accounts by phone number, their devices and credentials, and the prekey
 * directory, contact discovery and profiles. The delivery side imports DevicesModule (activeDevices, DeviceEvents) and AuthModule (DeviceAuthService).
 */
@Module({})
export class IdentityModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: IdentityModule,
      imports: [AuthModule, DevicesModule, AccountsModule.forRoot(config), KeysModule, DirectoryModule, ProfilesModule],
      exports: [AuthModule, DevicesModule],
    };
  }
}
