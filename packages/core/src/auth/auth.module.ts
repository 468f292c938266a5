import { Module } from '@nestjs/common';
import { AuthThrottle } from './auth-throttle';
import { DeviceAuthGuard } from './device-auth.guard';
import { DeviceAuthService } from './device-auth.service';

/** Device credentials: import this module to use DeviceAuthGuard or DeviceAuthService (the gateway does). */
@Module({
  providers: [AuthThrottle, DeviceAuthService, DeviceAuthGuard],
  exports: [AuthThrottle, DeviceAuthService, DeviceAuthGuard],
})
export class AuthModule {}
