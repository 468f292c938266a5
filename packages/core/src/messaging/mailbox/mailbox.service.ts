import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { Batcher, CONFIG } from '@switchboard/platform';
import { DeviceDirectory } from '../device-directory';
import { type AckInput, AckRepository } from './ack.repository';
import { pendingOf } from './envelope-frames';
import { MailboxRepository } from './mailbox.repository';
import type { DeviceRef, NewMessage, PendingEnvelope, StoredMessage } from './mailbox.types';

interface AckRequest {
  device: DeviceRef;
  guids: number[];
  /** Per guid: the account owed a delivery receipt, null for none (a copy, a receipt), undefined if not known. */
  senders: (string | null | undefined)[];
}

/** What one device's ack did: how many envelopes it removed, and the receipts now waiting for their senders. */
export interface AckResult {
  removed: number;
  receipts: PendingEnvelope[];
}

// Acks have no order to keep: several batches may be in flight.
const ACKS = { maxBatch: 256, maxInFlight: 4 };

/**
 * The store-and-forward mailbox: every device's waiting envelopes, in Postgres only (what is acknowledged with ✓
 * survives kill -9 and a Redis restart: ARCHITECTURE.md, "✓ means the message is safe"). Messages come batched from
 * the relay's lanes (messaging/relay), which decide what needs writing at all; acks from concurrent connections share
 * statements (Batcher), and an ack deletes the envelopes and stores the delivery receipts in one statement, so a
 * crash can lose neither or both, never one.
 */
@Injectable()
export class MailboxService implements OnModuleDestroy {
  private readonly acks: Batcher<AckRequest, AckResult>;

  constructor(
    private readonly repo: MailboxRepository,
    private readonly ackRepo: AckRepository,
    private readonly directory: DeviceDirectory,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.acks = new Batcher((reqs) => this.flushAcks(reqs), ACKS);
  }

  /** Lets writes already accepted finish before the pool closes (at application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.acks.drained();
  }

  /**
   * Stores messages in one statement, so all of them or none (a failure must never let a later message of a
   * conversation overtake an earlier one). A repeat of a stored client message id comes back with `created: false`,
   * the original's time, and whatever of the original still waits (to be pushed again). The caller keeps each
   * sender's messages in order (the relay's lanes; the business device's batches).
   */
  async storeAll(msgs: NewMessage[]): Promise<{ stored: StoredMessage; pending: PendingEnvelope[] }[]> {
    const stored = await this.repo.insertMessages(msgs);
    return Promise.all(msgs.map((msg, i) => this.outcome(msg, stored[i]!)));
  }

  private async outcome(msg: NewMessage, stored: StoredMessage) {
    if (stored.created) return { stored, pending: pendingOf(msg, stored) };
    // Stored before (perhaps in this very batch): answer with the original's time, and hand back whatever of it is
    // still waiting, so it can be pushed again (its first push may have died with the node that stored it).
    const original = await this.repo.findByClientId(msg.sender, msg.clientMessageId!);
    return {
      stored: { ...stored, serverTimestamp: original?.serverTimestamp ?? stored.serverTimestamp },
      pending: original?.pending ?? [],
    };
  }

  /**
   * Removes the device's acked envelopes and stores the delivery receipts they earn, atomically. `senders` (per guid,
   * as the gateway noted them at delivery) saves a lookup of whose messages these were.
   */
  acknowledge(device: DeviceRef, guids: number[], senders: (string | null | undefined)[] = []): Promise<AckResult> {
    return this.acks.submit({ device, guids, senders });
  }

  backlogPage(device: DeviceRef, afterGuid: number, limit: number): Promise<PendingEnvelope[]> {
    return this.repo.backlogPage(device, afterGuid, limit);
  }

  /** Drops everything waiting for a device (unlinked or replaced). Returns how many envelopes went. */
  purgeDevice(accountId: string, deviceId: number): Promise<number> {
    return this.repo.deleteDevice({ accountId, deviceId });
  }

  private async flushAcks(reqs: AckRequest[]): Promise<AckResult[]> {
    // Receipts go to every device of each original sender: find the senders (noted at delivery, or looked up), then
    // their devices (cached briefly), then delete and store in one statement.
    const senders = new Set<string>();
    const unknown: AckInput[] = [];
    for (const r of reqs) {
      const missing = r.guids.filter((_, i) => r.senders[i] === undefined);
      for (const s of r.senders) if (s) senders.add(s);
      if (missing.length) unknown.push({ device: r.device, guids: missing });
    }
    if (unknown.length) for (const s of await this.ackRepo.sendersOf(unknown)) senders.add(s);
    const targets = await Promise.all(
      [...senders].map(async (sender) => ({
        sender,
        devices: (await this.directory.recent(sender)).map((d) => d.deviceId),
      })),
    );
    const now = Date.now();
    const dedupCutoff = now - this.config.messaging.sendDedupSeconds * 1000;
    const outcome = await this.ackRepo.acknowledge(reqs, targets, now, dedupCutoff);

    // Hand each acking device its own removals and the receipts its acks produced.
    const key = (d: DeviceRef) => `${d.accountId}/${d.deviceId}`;
    const results = reqs.map(() => ({ removed: 0, receipts: [] as PendingEnvelope[] }));
    const first = new Map<string, number>();
    reqs.forEach((r, i) => {
      if (!first.has(key(r.device))) first.set(key(r.device), i);
    });
    for (const [k, n] of outcome.removed) results[first.get(k)!]!.removed += n;
    for (const r of outcome.receipts) results[first.get(key(r.sender))!]!.receipts.push(r);
    return results;
  }
}
