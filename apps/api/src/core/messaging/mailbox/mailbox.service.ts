import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { ReceiptFactory } from '../receipts/receipt-factory';
import { pendingOf } from './envelope-frames';
import { MailboxRepository } from './mailbox.repository';
import type { DeviceRef, NewMessage, PendingEnvelope, StoredMessage } from './mailbox.types';
import { WriteBatcher } from './write-batcher';

interface AckRequest {
  device: DeviceRef;
  guids: number[];
}

/** What one device's ack did: how many envelopes it removed, and the receipts now waiting for their senders. */
export interface AckResult {
  removed: number;
  receipts: PendingEnvelope[];
}

// Batches are bounded so one statement stays small. A sender's messages must be stored (get their guids, the delivery
// order) in the order they came, so each sender always uses the same lane, and a lane runs one batch at a time;
// lanes run side by side, and Postgres flushes their commits together. Acks have no order to keep.
const STORE_LANES = 4;
const STORES = { maxBatch: 256, maxInFlight: 1 };
const ACKS = { maxBatch: 256, maxInFlight: 4 };

function lane(sender: DeviceRef): number {
  let h = sender.deviceId;
  for (let i = 0; i < sender.accountId.length; i++) h = (h * 31 + sender.accountId.charCodeAt(i)) | 0;
  return Math.abs(h) % STORE_LANES;
}

/**
 * The store-and-forward mailbox: every device's waiting envelopes, in Postgres only (DESIGN decision 3: what is
 * acknowledged survives kill -9 and a Redis restart). Writes from concurrent connections are batched into shared
 * commits (WriteBatcher); an ack deletes the envelopes and stores the delivery receipts in the same transaction, so a
 * crash can lose neither or both, never one.
 */
@Injectable()
export class MailboxService implements OnModuleDestroy {
  private readonly stores: WriteBatcher<NewMessage, StoredMessage>[];
  private readonly acks: WriteBatcher<AckRequest, AckResult>;

  constructor(
    private readonly repo: MailboxRepository,
    private readonly receipts: ReceiptFactory,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.stores = Array.from(
      { length: STORE_LANES },
      () => new WriteBatcher((m) => this.repo.insertMessages(m), STORES),
    );
    this.acks = new WriteBatcher((reqs) => this.flushAcks(reqs), ACKS);
  }

  /** Lets writes already accepted finish before the pool closes (at application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.stores.map((s) => s.drained()), this.acks.drained()]);
  }

  /** Stores a message durably. A repeat of a stored client message id comes back with `created: false`. */
  async store(msg: NewMessage): Promise<{ stored: StoredMessage; pending: PendingEnvelope[] }> {
    const stored = await this.stores[lane(msg.sender)]!.submit(msg);
    if (stored.created) return { stored, pending: pendingOf(msg, stored) };
    // Stored before (perhaps in this very batch): answer with the original's time, and hand back whatever of it is
    // still waiting, so it can be pushed again (its first push may have died with the node that stored it).
    const original = await this.repo.findByClientId(msg.sender, msg.clientMessageId!);
    return {
      stored: { ...stored, serverTimestamp: original?.serverTimestamp ?? stored.serverTimestamp },
      pending: original?.pending ?? [],
    };
  }

  /** Removes the device's acked envelopes and stores the delivery receipts they earn, in one transaction. */
  acknowledge(device: DeviceRef, guids: number[]): Promise<AckResult> {
    return this.acks.submit({ device, guids });
  }

  backlogPage(device: DeviceRef, afterGuid: number, limit: number): Promise<PendingEnvelope[]> {
    return this.repo.backlogPage(device, afterGuid, limit);
  }

  /** Drops everything waiting for a device (unlinked or replaced). Returns how many envelopes went. */
  purgeDevice(accountId: string, deviceId: number): Promise<number> {
    return this.repo.deleteDevice({ accountId, deviceId });
  }

  private async flushAcks(reqs: AckRequest[]): Promise<AckResult[]> {
    const dedupCutoff = Date.now() - this.config.messaging.sendDedupSeconds * 1000;
    const { acked, receipts, stored } = await this.repo.db.transaction(async (tx) => {
      const acked = await this.repo.deleteAcked(tx, reqs, dedupCutoff);
      const receipts = await this.receipts.delivered(acked);
      const stored = receipts.length ? await this.repo.insertMessages(receipts, tx) : [];
      return { acked, receipts, stored };
    });
    // Hand each acking device its own removals and the receipts its acks produced.
    const results = reqs.map(() => ({ removed: 0, receipts: [] as PendingEnvelope[] }));
    const index = new Map<string, number>();
    reqs.forEach((r, i) => {
      const key = `${r.device.accountId}/${r.device.deviceId}`;
      if (!index.has(key)) index.set(key, i);
    });
    for (const a of acked) results[index.get(`${a.accountId}/${a.deviceId}`)!]!.removed++;
    receipts.forEach((r, i) => {
      const who = index.get(`${r.sender.accountId}/${r.sender.deviceId}`)!;
      results[who]!.receipts.push(...pendingOf(r, stored[i]!));
    });
    return results;
  }
}
