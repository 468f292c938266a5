import { Controller, Delete, Get, HttpCode, Param, UseGuards } from '@nestjs/common';
import { type AuthenticatedDevice, CurrentDevice, DeviceAuthGuard } from '../auth/device-auth.guard';
import { valid } from '../common/zod.pipe';
import { DevicesService } from './devices.service';
import { deviceIdParams } from './inputs/linking.input';

@Controller('v1/devices')
@UseGuards(DeviceAuthGuard)
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Get()
  list(@CurrentDevice() device: AuthenticatedDevice) {
    return this.devices.list(device.accountId);
  }

  @Delete(':device_id')
  @HttpCode(204)
  unlink(@CurrentDevice() device: AuthenticatedDevice, @Param(valid(deviceIdParams)) params: { device_id: number }) {
    return this.devices.unlink(device, params.device_id);
  }
}
