import { Body, Controller, Delete, Get, HttpCode, Put, UseGuards } from '@nestjs/common';
import { type AuthenticatedDevice, CurrentDevice, DeviceAuthGuard } from '../auth/device-auth.guard';
import { valid } from '../common/zod.pipe';
import { type RegisterPushInput, registerPushInput } from './inputs/register-push.input';
import { PushService } from './push.service';

@Controller('v1')
@UseGuards(DeviceAuthGuard)
export class PushController {
  constructor(private readonly push: PushService) {}

  @Get('push/vapid')
  vapid() {
    return this.push.vapidKey();
  }

  @Put('devices/push')
  @HttpCode(204)
  register(@CurrentDevice() device: AuthenticatedDevice, @Body(valid(registerPushInput)) input: RegisterPushInput) {
    return this.push.register(device, input);
  }

  @Delete('devices/push')
  @HttpCode(204)
  unregister(@CurrentDevice() device: AuthenticatedDevice) {
    return this.push.unregister(device);
  }
}
