import type { DeviceCredentials, GroupEvent, GroupMessage, RestClient } from '@switchboard/sdk';
import { GroupMessenger, linkDevice } from '@switchboard/sdk';
import type { RunningApi } from '../api';
import { type SdkDevice, sdkDevice } from './sdk-device';

/** An SDK device with groups, recording the group messages and events it receives (across reconnects). */
export interface GroupDevice extends SdkDevice {
  groups: GroupMessenger;
  groupInbox: GroupMessage[];
  groupEvents: GroupEvent[];
  undecryptable: bigint[];
}

export async function groupDevice(
  api: RunningApi,
  account?: { rest: RestClient; credentials: DeviceCredentials; number?: string },
  options: { connect?: boolean } = {},
): Promise<GroupDevice> {
  const recorded = { groupInbox: [] as GroupMessage[], groupEvents: [] as GroupEvent[], undecryptable: [] as bigint[] };
  const device = (await sdkDevice(api, account, {
    ...options,
    extend: (d) => {
      const g = d as GroupDevice;
      Object.assign(g, recorded);
      g.groups = new GroupMessenger(d.connection, d.crypto, d.storage, d.rest, d.messenger);
      g.groups.onMessage((m) => void recorded.groupInbox.push(m));
      g.groups.onEvent((e) => void recorded.groupEvents.push(e));
      g.groups.onUndecryptable((f) => void recorded.undecryptable.push(f.messageId));
    },
  })) as GroupDevice;
  return device;
}

/** A companion of `primary`'s account, with groups. */
export async function groupCompanion(api: RunningApi, primary: SdkDevice, options: { connect?: boolean } = {}) {
  return groupDevice(api, await linkDevice(primary.rest), options);
}

export const groupTexts = (d: GroupDevice, groupId?: string) =>
  d.groupInbox.filter((m) => !groupId || m.groupId === groupId).map((m) => m.text);

export const eventTypes = (d: GroupDevice, groupId?: string) =>
  d.groupEvents.filter((e) => !groupId || e.groupId === groupId).map((e) => e.type);

export const accountOf = (d: SdkDevice) => d.credentials.accountId;
