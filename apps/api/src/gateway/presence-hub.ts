import { Injectable } from '@nestjs/common';
import type { DeviceRef } from '@switchboard/core/messaging/mailbox/mailbox.types';
import { type PresenceRights, PresenceService, seenAs } from '@switchboard/core/presence/presence.service';
import { decodeServerFrame, encodeFrame, type PresenceFrame, type TypingFrame } from '@switchboard/protocol';

/** What the hub needs of a connection. */
export interface PresencePeer {
  readonly id: string;
  readonly device: DeviceRef;
  /** Writes an ephemeral frame (a presence change, a typing indicator) if the connection is still open. */
  notify(frame: Uint8Array): void;
}

interface Watch {
  rights: PresenceRights;
  stop: () => void;
}

/**
 * This node's side of presence and typing: which of its connections watch whose presence (each with the rights the
 * owner's settings gave it), and which accounts have devices here (typing is addressed to an account). Subscribes
 * to an account's Redis channel while at least one connection here needs it.
 */
@Injectable()
export class PresenceHub {
  private readonly local = new Map<string, { peers: Set<PresencePeer>; stop: () => void }>();
  private readonly watches = new Map<PresencePeer, Map<string, Watch>>();
  private readonly generation = new Map<PresencePeer, number>();
  private readonly gone = new WeakSet<PresencePeer>();

  constructor(private readonly presence: PresenceService) {}

  opened(peer: PresencePeer): void {
    const accountId = peer.device.accountId;
    let entry = this.local.get(accountId);
    if (!entry) {
      const peers = new Set<PresencePeer>();
      const stop = this.presence.onTyping(accountId, (frame) => {
        for (const p of peers) p.notify(frame);
      });
      entry = { peers, stop };
      this.local.set(accountId, entry);
    }
    entry.peers.add(peer);
    void this.presence.connected(peer.device, peer.id);
  }

  /** Idempotent: shutdown closes every connection here first, while Redis is still open, then their sockets close. */
  closed(peer: PresencePeer): Promise<void> {
    if (this.gone.has(peer)) return Promise.resolve();
    this.gone.add(peer);
    this.unwatchAll(peer);
    this.generation.delete(peer);
    const entry = this.local.get(peer.device.accountId);
    if (entry?.peers.delete(peer) && !entry.peers.size) {
      entry.stop();
      this.local.delete(peer.device.accountId);
    }
    return this.presence.disconnected(peer.device, peer.id);
  }

  /** Replaces the connection's watch list; each account's presence is sent at once, then its changes. */
  async subscribe(peer: PresencePeer, accountIds: string[]): Promise<void> {
    const generation = (this.generation.get(peer) ?? 0) + 1;
    this.generation.set(peer, generation);
    const unique = [...new Set(accountIds)];
    const current = unique.length ? await this.presence.watch(peer.device.accountId, unique) : [];
    // A later subscribe (or the close) overtook this one while its rights were read: it decides.
    if (this.generation.get(peer) !== generation) return;
    this.unwatchAll(peer);
    const watches = new Map<string, Watch>();
    for (const { frame, rights } of current) {
      const stop = this.presence.onPresence(frame.accountId, (bytes) => {
        const change = decodeServerFrame(bytes) as PresenceFrame;
        peer.notify(encodeFrame(seenAs(change, rights)));
      });
      watches.set(frame.accountId, { rights, stop });
      peer.notify(encodeFrame(frame));
    }
    this.watches.set(peer, watches);
  }

  typing(peer: PresencePeer, frame: TypingFrame): Promise<boolean> {
    return this.presence.typing(peer.device, frame.toAccountId, frame.state);
  }

  private unwatchAll(peer: PresencePeer): void {
    for (const w of this.watches.get(peer)?.values() ?? []) w.stop();
    this.watches.delete(peer);
  }
}
