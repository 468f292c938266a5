import { Injectable, Logger } from '@nestjs/common';
import { encodeFrame, type PresenceFrame, type TypingStateCode } from '@switchboard/protocol';
import { NewChatLimit } from '../limits/new-chat-limit';
import type { DeviceRef } from '../messaging/mailbox/mailbox.types';
import { type PresenceRights, ProfilesService } from '../profiles/profiles.service';
import { PresenceChannels } from './presence-channels';
import { PresenceStateStore } from './presence-state';

export type { PresenceRights };

/** A presence as a watcher may see it: what its rights hide reads as offline, last seen unknown. */
export function seenAs(frame: PresenceFrame, rights: PresenceRights): PresenceFrame {
  return {
    t: 'presence',
    accountId: frame.accountId,
    online: rights.online && frame.online,
    lastSeen: rights.lastSeen ? frame.lastSeen : 0,
  };
}

/**
 * Online / last seen and typing (docs/core.md "Presence and typing"): connections come and go here, changes are
 * published on the account's presence channel, typing on the peer's typing channel. Nothing is stored in Postgres.
 */
@Injectable()
export class PresenceService {
  private readonly log = new Logger('Presence');

  constructor(
    private readonly state: PresenceStateStore,
    private readonly channels: PresenceChannels,
    private readonly profiles: ProfilesService,
    private readonly newChats: NewChatLimit,
  ) {}

  async connected(device: DeviceRef, connectionId: string): Promise<void> {
    try {
      if (await this.state.connected(device, connectionId)) await this.announce(device.accountId, true, 0);
    } catch (err) {
      this.log.warn(`presence (online) lost: ${(err as Error).message}`);
    }
  }

  async disconnected(device: DeviceRef, connectionId: string): Promise<void> {
    try {
      const lastSeen = await this.state.disconnected(device, connectionId);
      if (lastSeen !== undefined) await this.announce(device.accountId, false, lastSeen);
    } catch (err) {
      this.log.warn(`presence (offline) lost: ${(err as Error).message}`);
    }
  }

  /** The accounts' current presence, each as `viewerId` may see it, and the rights to filter their changes with. */
  async watch(viewerId: string, accountIds: string[]): Promise<{ frame: PresenceFrame; rights: PresenceRights }[]> {
    const [rights, states] = await Promise.all([
      this.profiles.presenceRights(viewerId, accountIds),
      this.state.states(accountIds),
    ]);
    return states.map((s) => {
      const r = rights.get(s.accountId)!;
      return { frame: seenAs({ t: 'presence', ...s }, r), rights: r };
    });
  }

  /** Listens to an account's presence changes (encoded Presence frames, unfiltered). */
  onPresence(accountId: string, listener: (frame: Uint8Array) => void): () => void {
    return this.channels.listen(this.channels.channel('presence', accountId), listener);
  }

  /** Listens to typing addressed to an account (encoded PeerTyping frames). */
  onTyping(accountId: string, listener: (frame: Uint8Array) => void): () => void {
    return this.channels.listen(this.channels.channel('typing', accountId), listener);
  }

  /** Tells `to`'s devices that `from` is typing; only between accounts that have a chat. False when refused. */
  async typing(from: DeviceRef, to: string, state: TypingStateCode): Promise<boolean> {
    if (to === from.accountId || !(await this.newChats.established(from.accountId, to))) return false;
    const frame = encodeFrame({ t: 'peer_typing', fromAccountId: from.accountId, fromDeviceId: from.deviceId, state });
    await this.channels.publish(this.channels.channel('typing', to), frame);
    return true;
  }

  private async announce(accountId: string, online: boolean, lastSeen: number): Promise<void> {
    const frame = encodeFrame({ t: 'presence', accountId, online, lastSeen });
    await this.channels.publish(this.channels.channel('presence', accountId), frame);
  }
}
