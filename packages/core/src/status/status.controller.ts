import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { type AuthenticatedDevice, CurrentDevice, DeviceAuthGuard } from '../auth/device-auth.guard';
import { valid } from '../common/zod.pipe';
import { type AudienceInput, audienceInput } from './status.input';
import { StatusService } from './status.service';

/** Status under /v1/status (docs/groups.md "Status"): who sees this account's posts; posts go over the WebSocket. */
@Controller('v1/status')
@UseGuards(DeviceAuthGuard)
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Put('audience')
  async setAudience(@CurrentDevice() d: AuthenticatedDevice, @Body(valid(audienceInput)) input: AudienceInput) {
    const { listId, accountIds } = await this.status.setAudience(d, input.account_ids);
    return { list_id: listId, account_ids: accountIds };
  }

  @Get('audience')
  async audience(@CurrentDevice() d: AuthenticatedDevice) {
    const { listId, accountIds } = await this.status.audience(d);
    return { list_id: listId, account_ids: accountIds };
  }

  /** The status lists this account is in: whose posts it receives, and under which list id. */
  @Get('lists')
  async lists(@CurrentDevice() d: AuthenticatedDevice) {
    const lists = await this.status.visibleTo(d);
    return { lists: lists.map((l) => ({ list_id: l.listId, account_id: l.owner })) };
  }
}
