import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, UseGuards } from '@nestjs/common';
import type { z } from 'zod';
import { type AuthenticatedDevice, CurrentDevice, DeviceAuthGuard } from '../auth/device-auth.guard';
import { valid } from '../common/zod.pipe';
import { GroupReceipts } from './group-receipts';
import { GroupsService } from './groups.service';
import {
  accountIdInput,
  addMembersInput,
  type CreateGroupInput,
  createGroupInput,
  createInviteInput,
  type EditGroupInput,
  editGroupInput,
  type GroupSettingsInput,
  groupParams,
  groupSettingsInput,
  historyQuery,
  inviteParams,
  joinInput,
  memberParams,
  messageParams,
} from './inputs/groups.input';
import { eventOutput, groupOutput, messageInfoOutput } from './outputs/group.output';

type Params<S extends z.ZodType> = z.output<S>;
const settingsOf = (s: GroupSettingsInput | undefined) => ({
  onlyAdminsSend: s?.only_admins_send,
  onlyAdminsEdit: s?.only_admins_edit,
  approvalRequired: s?.approval_required,
});

/** Groups under /v1/groups (docs/groups.md): state and changes; messages go over the WebSocket (GroupSend). */
@Controller('v1/groups')
@UseGuards(DeviceAuthGuard)
export class GroupsController {
  constructor(
    private readonly groups: GroupsService,
    private readonly receipts: GroupReceipts,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@CurrentDevice() d: AuthenticatedDevice, @Body(valid(createGroupInput)) input: CreateGroupInput) {
    const { subject, description, avatar, members, settings } = input;
    const s = settingsOf(settings);
    const defined = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined));
    return groupOutput(await this.groups.create(d, { subject, description, avatar, members, settings: defined }));
  }

  @Get()
  async list(@CurrentDevice() d: AuthenticatedDevice) {
    const groups = await this.groups.list(d);
    return { groups: groups.map((g) => ({ id: g.id, subject: g.subject, role: g.role, seq: g.seq })) };
  }

  @Post('join')
  @HttpCode(200)
  async join(@CurrentDevice() d: AuthenticatedDevice, @Body(valid(joinInput)) input: { code: string }) {
    const { groupId, status } = await this.groups.join(d, input.code);
    return { group_id: groupId, status };
  }

  @Get(':group_id')
  async get(@CurrentDevice() d: AuthenticatedDevice, @Param(valid(groupParams)) p: Params<typeof groupParams>) {
    return groupOutput(await this.groups.view(d, p.group_id));
  }

  @Patch(':group_id')
  async edit(
    @CurrentDevice() d: AuthenticatedDevice,
    @Param(valid(groupParams)) p: Params<typeof groupParams>,
    @Body(valid(editGroupInput)) input: EditGroupInput,
  ) {
    return groupOutput(await this.groups.editInfo(d, p.group_id, input));
  }

  @Put(':group_id/settings')
  async settings(
    @CurrentDevice() d: AuthenticatedDevice,
    @Param(valid(groupParams)) p: Params<typeof groupParams>,
    @Body(valid(groupSettingsInput)) input: GroupSettingsInput,
  ) {
    return groupOutput(await this.groups.changeSettings(d, p.group_id, settingsOf(input)));
  }

  @Get(':group_id/events')
  async events(
    @CurrentDevice() d: AuthenticatedDevice,
    @Param(valid(groupParams)) p: Params<typeof groupParams>,
    @Query(valid(historyQuery)) q: Params<typeof historyQuery>,
  ) {
    return { events: (await this.groups.history(d, p.group_id, q.after, q.limit)).map(eventOutput) };
  }

  @Get(':group_id/messages/:message_id/info')
  async messageInfo(
    @CurrentDevice() d: AuthenticatedDevice,
    @Param(valid(messageParams)) p: Params<typeof messageParams>,
  ) {
    return messageInfoOutput(p.group_id, p.message_id, await this.receipts.info(d, p.group_id, p.message_id));
  }

  @Post(':group_id/members')
  @HttpCode(200)
  async add(
    @CurrentDevice() d: AuthenticatedDevice,
    @Param(valid(groupParams)) p: Params<typeof groupParams>,
    @Body(valid(addMembersInput)) input: { account_ids: string[] },
  ) {
    return groupOutput(await this.groups.addMembers(d, p.group_id, input.account_ids));
  }

  /** Removes a member; one's own account id is leaving the group. */
  @Delete(':group_id/members/:account_id')
  @HttpCode(204)
  async remove(@CurrentDevice() d: AuthenticatedDevice, @Param(valid(memberParams)) p: Params<typeof memberParams>) {
    await this.groups.removeMember(d, p.group_id, p.account_id);
  }

  @Post(':group_id/admins')
  @HttpCode(200)
  async promote(
    @CurrentDevice() d: AuthenticatedDevice,
    @Param(valid(groupParams)) p: Params<typeof groupParams>,
    @Body(valid(accountIdInput)) input: { account_id: string },
  ) {
    return groupOutput(await this.groups.setAdmin(d, p.group_id, input.account_id, true));
  }

  @Delete(':group_id/admins/:account_id')
  async demote(@CurrentDevice() d: AuthenticatedDevice, @Param(valid(memberParams)) p: Params<typeof memberParams>) {
    return groupOutput(await this.groups.setAdmin(d, p.group_id, p.account_id, false));
  }

  @Post(':group_id/invites')
  @HttpCode(201)
  async invite(
    @CurrentDevice() d: AuthenticatedDevice,
    @Param(valid(groupParams)) p: Params<typeof groupParams>,
    @Body(valid(createInviteInput)) input: { expires_in_s?: number },
  ) {
    const { code, expiresAt } = await this.groups.createInvite(d, p.group_id, input.expires_in_s);
    return { code, expires_at: expiresAt?.toISOString() ?? null };
  }

  @Delete(':group_id/invites/:code')
  @HttpCode(204)
  async revoke(@CurrentDevice() d: AuthenticatedDevice, @Param(valid(inviteParams)) p: Params<typeof inviteParams>) {
    await this.groups.revokeInvite(d, p.group_id, p.code);
  }

  @Get(':group_id/join-requests')
  async requests(@CurrentDevice() d: AuthenticatedDevice, @Param(valid(groupParams)) p: Params<typeof groupParams>) {
    const requests = await this.groups.joinRequests(d, p.group_id);
    return {
      join_requests: requests.map((r) => ({ account_id: r.accountId, created_at: r.createdAt.toISOString() })),
    };
  }

  @Post(':group_id/join-requests/:account_id')
  @HttpCode(200)
  async approve(@CurrentDevice() d: AuthenticatedDevice, @Param(valid(memberParams)) p: Params<typeof memberParams>) {
    return groupOutput(await this.groups.decideJoin(d, p.group_id, p.account_id, true));
  }

  @Delete(':group_id/join-requests/:account_id')
  @HttpCode(204)
  async reject(@CurrentDevice() d: AuthenticatedDevice, @Param(valid(memberParams)) p: Params<typeof memberParams>) {
    await this.groups.decideJoin(d, p.group_id, p.account_id, false);
  }
}
