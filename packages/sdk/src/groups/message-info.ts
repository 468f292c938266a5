import type { IncomingReceipt } from '../messaging/types';

/** Per member of the group when the message was sent: when one of its devices received it, and when it was read. */
export interface GroupMessageInfo {
  groupId: string;
  members: { accountId: string; deliveredAt?: number; readAt?: number }[];
  /** ✓✓: every member has it on at least one device. */
  deliveredToAll: boolean;
  readByAll: boolean;
}

interface Tracked {
  groupId: string;
  members: Map<string, { deliveredAt?: number; readAt?: number }>;
}

const MAX_TRACKED = 10_000;

/** WhatsApp's "message info" for this device's group messages, kept in memory from the receipts that come back. */
export class MessageInfoBook {
  private readonly sent = new Map<bigint, Tracked>();

  /**
   * Starts (or, for a send attempted again with a corrected member list, updates) a message's record. Called before
   * the message goes out: the server answers ✓ only once the receipts its devices' acks earned are pushed, so those
   * receipts arrive before ✓. What a member already has is kept.
   */
  track(id: bigint, groupId: string, members: string[]): void {
    const before = this.sent.get(id)?.members;
    this.sent.set(id, { groupId, members: new Map(members.map((m) => [m, before?.get(m) ?? {}])) });
    if (this.sent.size > MAX_TRACKED) this.sent.delete(this.sent.keys().next().value!);
  }

  /** A send the server refused: nobody got it. */
  forget(id: bigint): void {
    this.sent.delete(id);
  }

  /** Applies a receipt; true when it concerned a tracked message. */
  receipt(r: IncomingReceipt): boolean {
    let hit = false;
    for (const id of r.messageIds) {
      const entry = this.sent.get(id)?.members.get(r.from.accountId);
      if (!entry) continue;
      hit = true;
      entry.deliveredAt ??= r.serverTimestamp;
      if (r.kind === 'read') entry.readAt ??= r.serverTimestamp;
    }
    return hit;
  }

  info(id: bigint): GroupMessageInfo | undefined {
    const t = this.sent.get(id);
    if (!t) return undefined;
    const members = [...t.members].map(([accountId, s]) => ({ accountId, ...s }));
    return {
      groupId: t.groupId,
      members,
      deliveredToAll: members.every((m) => m.deliveredAt !== undefined),
      readByAll: members.every((m) => m.readAt !== undefined),
    };
  }
}
