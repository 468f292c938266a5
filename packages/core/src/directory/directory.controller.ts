import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { type AuthenticatedDevice, CurrentDevice, DeviceAuthGuard } from '../auth/device-auth.guard';
import { valid } from '../common/zod.pipe';
import { DirectoryService } from './directory.service';
import { type LookupInput, lookupInput } from './inputs/lookup.input';

@Controller('v1/directory')
@UseGuards(DeviceAuthGuard)
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Post('lookup')
  @HttpCode(200)
  lookup(@CurrentDevice() device: AuthenticatedDevice, @Body(valid(lookupInput)) input: LookupInput) {
    return this.directory.lookup(device.accountId, input.numbers);
  }
}
