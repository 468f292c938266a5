// The REST side of groups (/v1/groups, docs/groups.md): state and changes. Messages go over the connection.
import type { RestClient } from '../rest';

export interface GroupSettingsWire {
  only_admins_send: boolean;
  only_admins_edit: boolean;
  approval_required: boolean;
}

export interface GroupInfo {
  id: string;
  subject: string;
  description: string;
  avatar: string | null;
  creator_account_id: string;
  settings: GroupSettingsWire;
  seq: number;
  created_at: string;
  members: { account_id: string; role: 'admin' | 'member'; joined_at: string }[];
}

export interface GroupHistoryEvent {
  seq: number;
  type: string;
  actor_account_id: string;
  at: string;
  data: Record<string, unknown>;
}

/** A message's info as the server keeps it (times ISO 8601, null until it happens). */
export interface GroupMessageInfoWire {
  group_id: string;
  message_id: string;
  members: { account_id: string; delivered_at: string | null; read_at: string | null }[];
  delivered_to_all: boolean;
  read_by_all: boolean;
}

/** One method per group endpoint, as the device `rest` is. */
export class GroupsClient {
  constructor(private readonly rest: RestClient) {}

  create = (input: {
    subject: string;
    members: string[];
    description?: string;
    avatar?: string | null;
    settings?: Partial<GroupSettingsWire>;
  }) => this.rest.call<GroupInfo>('POST', '/v1/groups', input);
  list = () =>
    this.rest.call<{ groups: { id: string; subject: string; role: string; seq: number }[] }>('GET', '/v1/groups');
  get = (groupId: string) => this.rest.call<GroupInfo>('GET', `/v1/groups/${groupId}`);
  edit = (groupId: string, info: { subject?: string; description?: string; avatar?: string | null }) =>
    this.rest.call<GroupInfo>('PATCH', `/v1/groups/${groupId}`, info);
  changeSettings = (groupId: string, settings: Partial<GroupSettingsWire>) =>
    this.rest.call<GroupInfo>('PUT', `/v1/groups/${groupId}/settings`, settings);
  /** Message info of a message this account sent (any of its devices may ask, after a restart too). */
  messageInfo = (groupId: string, messageId: bigint) =>
    this.rest.call<GroupMessageInfoWire>('GET', `/v1/groups/${groupId}/messages/${messageId}/info`);
  history = (groupId: string, after = 0, limit = 100) =>
    this.rest.call<{ events: GroupHistoryEvent[] }>(
      'GET',
      `/v1/groups/${groupId}/events?after=${after}&limit=${limit}`,
    );
  addMembers = (groupId: string, accountIds: string[]) =>
    this.rest.call<GroupInfo>('POST', `/v1/groups/${groupId}/members`, { account_ids: accountIds });
  removeMember = (groupId: string, accountId: string) =>
    this.rest.call<void>('DELETE', `/v1/groups/${groupId}/members/${accountId}`);
  leave = (groupId: string) => this.removeMember(groupId, this.rest.credentials!.accountId);
  promote = (groupId: string, accountId: string) =>
    this.rest.call<GroupInfo>('POST', `/v1/groups/${groupId}/admins`, { account_id: accountId });
  demote = (groupId: string, accountId: string) =>
    this.rest.call<GroupInfo>('DELETE', `/v1/groups/${groupId}/admins/${accountId}`);
  createInvite = (groupId: string, expiresInSeconds?: number) =>
    this.rest.call<{ code: string; expires_at: string | null }>('POST', `/v1/groups/${groupId}/invites`, {
      ...(expiresInSeconds && { expires_in_s: expiresInSeconds }),
    });
  revokeInvite = (groupId: string, code: string) =>
    this.rest.call<void>('DELETE', `/v1/groups/${groupId}/invites/${code}`);
  join = (code: string) =>
    this.rest.call<{ group_id: string; status: 'joined' | 'requested' }>('POST', '/v1/groups/join', { code });
  joinRequests = (groupId: string) =>
    this.rest.call<{ join_requests: { account_id: string; created_at: string }[] }>(
      'GET',
      `/v1/groups/${groupId}/join-requests`,
    );
  approve = (groupId: string, accountId: string) =>
    this.rest.call<GroupInfo>('POST', `/v1/groups/${groupId}/join-requests/${accountId}`);
  reject = (groupId: string, accountId: string) =>
    this.rest.call<void>('DELETE', `/v1/groups/${groupId}/join-requests/${accountId}`);
}
