import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { type AuthenticatedDevice, CurrentDevice, DeviceAuthGuard } from '../auth/device-auth.guard';
import { valid } from '../common/zod.pipe';
import { BundlesService } from './bundles.service';
import { type BundleParams, bundleParams, type UploadKeysInput, uploadKeysInput } from './inputs/upload-keys.input';
import { KeyUploadService } from './key-upload.service';

@Controller('v1/keys')
@UseGuards(DeviceAuthGuard)
export class KeysController {
  constructor(
    private readonly uploads: KeyUploadService,
    private readonly bundles: BundlesService,
  ) {}

  /** The calling device's unused one-time key counts: upload more when `low`. */
  @Get()
  counts(@CurrentDevice() device: AuthenticatedDevice) {
    return this.uploads.counts(device);
  }

  @Put()
  upload(@CurrentDevice() device: AuthenticatedDevice, @Body(valid(uploadKeysInput)) input: UploadKeysInput) {
    return this.uploads.upload(device, input);
  }

  @Get(':account_id/:device_id')
  fetch(@CurrentDevice() device: AuthenticatedDevice, @Param(valid(bundleParams)) params: BundleParams) {
    return this.bundles.fetch(device, params);
  }
}
