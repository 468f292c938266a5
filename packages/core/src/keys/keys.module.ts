import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RateLimiter } from '../common/rate-limiter.service';
import { DevicesModule } from '../devices/devices.module';
import { BundlesService } from './bundles.service';
import { KeyUploadService } from './key-upload.service';
import { KeysController } from './keys.controller';
import { PreKeyRepository } from './prekey.repository';
import { PreKeysLowStore } from './prekeys-low.store';

/** The prekey directory: devices publish keys, senders fetch bundles to start sessions. */
@Module({
  imports: [AuthModule, DevicesModule],
  controllers: [KeysController],
  providers: [KeyUploadService, BundlesService, PreKeyRepository, PreKeysLowStore, RateLimiter],
  // The business device (business/device) publishes its keys and fetches bundles in-process, as a trusted caller; the
  // gateway tells connecting devices they run low.
  exports: [KeyUploadService, BundlesService, PreKeysLowStore],
})
export class KeysModule {}
