import { Module } from '@nestjs/common';
import { DeviceAuthGuard } from './device-auth.guard';
import { DeviceAuthService } from './device-auth.service';

/** Device credentials: import this module to use DeviceAuthGuard or DeviceAuthService (the gateway does). */
@Module({ providers: [DeviceAuthService, DeviceAuthGuard], exports: [DeviceAuthService, DeviceAuthGuard] })
export class AuthModule {}
