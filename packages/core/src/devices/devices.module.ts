import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RateLimiter } from '../common/rate-limiter.service';
import { DeviceStore } from './device.store';
import { DeviceEvents } from './device-events';
import { DevicesController } from './devices.controller';
import { DevicesService } from './devices.service';
import { LinkCodeStore } from './link-code.store';
import { LinkingController } from './linking.controller';
import { LinkingService } from './linking.service';

/** Devices of an account: listing, linking, unlinking; `activeDevices` and `DeviceEvents` for the delivery side. */
@Module({
  imports: [AuthModule],
  controllers: [DevicesController, LinkingController],
  providers: [DevicesService, DeviceStore, DeviceEvents, LinkCodeStore, LinkingService, RateLimiter],
  exports: [DevicesService, DeviceEvents],
})
export class DevicesModule {}
