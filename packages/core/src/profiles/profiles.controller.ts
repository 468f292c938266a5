import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import type { z } from 'zod';
import { type AuthenticatedDevice, CurrentDevice, DeviceAuthGuard } from '../auth/device-auth.guard';
import { valid } from '../common/zod.pipe';
import {
  type PrivacyInput,
  type ProfileInput,
  privacyInput,
  profileContactsInput,
  profileInput,
  profileParams,
} from './inputs/profile.input';
import { ProfilesService } from './profiles.service';

@Controller('v1')
@UseGuards(DeviceAuthGuard)
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Put('profile')
  write(@CurrentDevice() device: AuthenticatedDevice, @Body(valid(profileInput)) input: ProfileInput) {
    return this.profiles.write(device.accountId, input);
  }

  @Get('profile/privacy')
  privacy(@CurrentDevice() device: AuthenticatedDevice) {
    return this.profiles.privacy(device.accountId);
  }

  @Put('profile/privacy')
  setPrivacy(@CurrentDevice() device: AuthenticatedDevice, @Body(valid(privacyInput)) input: PrivacyInput) {
    return this.profiles.setPrivacy(device.accountId, input);
  }

  @Put('profile/contacts')
  setContacts(
    @CurrentDevice() device: AuthenticatedDevice,
    @Body(valid(profileContactsInput)) input: z.output<typeof profileContactsInput>,
  ) {
    return this.profiles.setContacts(device.accountId, input.account_ids);
  }

  @Get('profiles/:account_id')
  read(@CurrentDevice() device: AuthenticatedDevice, @Param(valid(profileParams)) p: z.output<typeof profileParams>) {
    return this.profiles.read(device.accountId, p.account_id);
  }
}
