import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { type AuthenticatedDevice, CurrentDevice, DeviceAuthGuard } from '../auth/device-auth.guard';
import { ClientAddress } from '../common/client-address';
import { valid } from '../common/zod.pipe';
import {
  type ApproveLinkInput,
  approveLinkInput,
  type CompleteLinkInput,
  completeLinkInput,
} from './inputs/linking.input';
import { LinkingService } from './linking.service';

@Controller('v1/devices/link')
export class LinkingController {
  constructor(private readonly linking: LinkingService) {}

  /** The new device asks for a code to show. */
  @Post()
  @HttpCode(201)
  start(@ClientAddress() client: string) {
    return this.linking.start(client);
  }

  /** The primary approves the code it scanned. */
  @Post('approve')
  @HttpCode(204)
  @UseGuards(DeviceAuthGuard)
  approve(@CurrentDevice() primary: AuthenticatedDevice, @Body(valid(approveLinkInput)) input: ApproveLinkInput) {
    return this.linking.approve(primary, input);
  }

  /** The new device collects its device id and credential (409 until approved). */
  @Post('complete')
  @HttpCode(201)
  complete(@Body(valid(completeLinkInput)) input: CompleteLinkInput) {
    return this.linking.complete(input);
  }
}
