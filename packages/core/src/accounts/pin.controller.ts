import { Body, Controller, Delete, Get, HttpCode, Put, UseGuards } from '@nestjs/common';
import { type AuthenticatedDevice, CurrentDevice, DeviceAuthGuard } from '../auth/device-auth.guard';
import { valid } from '../common/zod.pipe';
import { type DisablePinInput, disablePinInput, type SetPinInput, setPinInput } from './inputs/pin.input';
import { PinService } from './pin.service';

@Controller('v1/accounts/pin')
@UseGuards(DeviceAuthGuard)
export class PinController {
  constructor(private readonly pins: PinService) {}

  @Get()
  status(@CurrentDevice() device: AuthenticatedDevice) {
    return this.pins.status(device);
  }

  @Put()
  set(@CurrentDevice() device: AuthenticatedDevice, @Body(valid(setPinInput)) input: SetPinInput) {
    return this.pins.set(device, input);
  }

  @Delete()
  @HttpCode(204)
  disable(@CurrentDevice() device: AuthenticatedDevice, @Body(valid(disablePinInput)) input: DisablePinInput) {
    return this.pins.disable(device, input);
  }
}
