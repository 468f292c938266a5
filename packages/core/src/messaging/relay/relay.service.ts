import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, flushIsolated } from '@switchboard/platform';
import { DeviceDirectory } from '../device-directory';
import { MailboxRepository } from '../mailbox/mailbox.repository';
import { MailboxService } from '../mailbox/mailbox.service';
import { type DeviceRef, MessageKind, type NewMessage, type PendingEnvelope } from '../mailbox/mailbox.types';
import { MailboxCounters } from '../mailbox/mailbox-counters';
import { type DeliveredFact, ReceiptFacts } from '../receipts/receipt-facts';
import { DeliveryRouter } from '../routing/delivery-router';
import { HeldMessage } from './held-message';
import { RelayLane } from './relay-lane';

// A sender always uses the same lane, and a lane draws guids and writes in order: a sender's messages get increasing
// guids and are stored in the order they came. Lanes run side by side and Postgres flushes their commits together.
const LANES = 4;
// Guids drawn ahead for delivery receipts, so a receipt earned in memory goes out at once, without a round trip: it is
// pushed together with the sender's ✓. Receipts need no order among themselves (each names the ids it covers).
const SPARE_GUIDS = 256;

function laneOf(sender: DeviceRef): number {
  let h = sender.deviceId;
  for (let i = 0; i < sender.accountId.length; i++) h = (h * 31 + sender.accountId.charCodeAt(i)) | 0;
  return Math.abs(h) % LANES;
}

const sameDevice = (a: DeviceRef, b: DeviceRef) => a.accountId === b.accountId && a.deviceId === b.deviceId;

/** A delivery receipt's body: the acked client ids, 8 bytes big-endian each (the ack statement builds the same). */
function packIds(ids: bigint[]): Uint8Array {
  const body = Buffer.alloc(ids.length * 8);
  ids.forEach((id, i) => {
    body.writeBigUInt64BE(id, i * 8);
  });
  return body;
}

/**
 * Messages and receipts from acceptance to ✓, write-behind. ✓ means "stored, or already in every recipient device's
 * hands" (ARCHITECTURE.md): a message is pushed at once to its devices connected to this node and held unwritten
 * for MAILBOX_WRITE_BEHIND_MS; if every envelope is acked within it, it is never written, and the receipts those acks
 * earn travel the same way — for all-online traffic Postgres sees almost nothing. Otherwise it is written (only the
 * unacked envelopes) in the lane's next group commit, ✓ follows the commit, and what is unacked is pushed again to
 * wherever its device is now. A message with no device here is written at once. A crash loses only what nobody has
 * acked: its sender has no ✓ and resends it, and recipients deduplicate.
 */
@Injectable()
export class RelayService implements OnModuleDestroy {
  private readonly log = new Logger('Relay');
  private readonly lanes: RelayLane[];
  /** Envelopes pushed and not written yet, by guid: where an ack of one is recorded. */
  private readonly byGuid = new Map<number, { held: HeldMessage; index: number }>();
  /** Messages not settled yet, by sender device and client id: a resend meanwhile joins the first. */
  private readonly byClientId = new Map<string, HeldMessage>();
  private holdMs: number;
  /** Guids drawn ahead for receipts made in memory (see SPARE_GUIDS), ascending. */
  private spare: number[] = [];

  constructor(
    private readonly repo: MailboxRepository,
    private readonly mailbox: MailboxService,
    private readonly router: DeliveryRouter,
    private readonly directory: DeviceDirectory,
    private readonly counters: MailboxCounters,
    private readonly facts: ReceiptFacts,
    @Inject(CONFIG) config: Config,
  ) {
    this.holdMs = config.messaging.writeBehindMs;
    const steps = { intake: (b: HeldMessage[]) => this.intake(b), commit: (b: HeldMessage[]) => this.commit(b) };
    this.lanes = Array.from({ length: LANES }, () => new RelayLane(steps));
  }

  /** At shutdown, before the pool closes: everything held is written now. */
  async onModuleDestroy(): Promise<void> {
    this.holdMs = 0;
    await Promise.all(this.lanes.map((l) => l.flushAll()));
  }

  /**
   * Accepts a checked message; resolves with the time ✓ carries once it is safe, or rejects if it could not be stored
   * (the sender retries). A repeat of a stored client id resolves with the original's time.
   */
  store(msg: NewMessage): Promise<{ serverTimestamp: number }> {
    const key =
      msg.clientMessageId === null
        ? undefined
        : `${msg.sender.accountId}/${msg.sender.deviceId}/${msg.clientMessageId}`;
    const known = key === undefined ? undefined : this.byClientId.get(key);
    if (known) return known.result;
    const held = this.enqueue(msg);
    if (key !== undefined) {
      this.byClientId.set(key, held);
      const forget = () => {
        if (this.byClientId.get(key) === held) this.byClientId.delete(key);
      };
      held.result.then(forget, forget);
    }
    if (msg.kind === MessageKind.Message)
      held.result.then(
        () => this.counters.messagesAccepted++,
        () => undefined,
      );
    return held.result;
  }

  /**
   * A device has these envelopes. Those pushed and still held are settled in memory (their receipts made like
   * messages); those being written are acked in Postgres once written; the rest are acked in Postgres now.
   */
  async acknowledge(device: DeviceRef, guids: number[], senders: (string | null | undefined)[] = []): Promise<void> {
    const written: { guids: number[]; senders: (string | null | undefined)[] } = { guids: [], senders: [] };
    const afterCommit = new Map<Promise<void>, typeof written>();
    const earned = new Map<string, { ids: bigint[]; messages: HeldMessage[] }>();
    const settled: HeldMessage[] = [];
    const delivered: DeliveredFact[] = [];
    guids.forEach((guid, i) => {
      const spot = this.byGuid.get(guid);
      if (!spot || !sameDevice(spot.held.msg.envelopes[spot.index]!, device)) {
        written.guids.push(guid);
        written.senders.push(senders[i]);
        return;
      }
      const { held, index } = spot;
      if (held.state === 'committing') {
        const later = afterCommit.get(held.committed) ?? { guids: [], senders: [] };
        later.guids.push(guid);
        later.senders.push(senders[i]);
        afterCommit.set(held.committed, later);
        return;
      }
      this.byGuid.delete(guid);
      const last = held.ack(index);
      const m = held.msg;
      // As in Postgres: a message from another account earns its sender a receipt; copies and receipts earn none.
      if (m.kind === MessageKind.Message && m.sender.accountId !== device.accountId) {
        const e = earned.get(m.sender.accountId) ?? { ids: [], messages: [] };
        e.ids.push(m.clientMessageId!);
        e.messages.push(held);
        earned.set(m.sender.accountId, e);
        // A shared body is a group message: its per-member delivery is kept for the sender's message info.
        if (m.body)
          delivered.push({
            sender: m.sender.accountId,
            clientMessageId: m.clientMessageId!,
            member: device.accountId,
            at: Date.now(),
          });
      }
      if (last) settled.push(held);
    });
    for (const [sender, e] of earned) {
      const out = this.receipt(device, sender, e.ids);
      for (const h of e.messages) h.owed.push(out);
    }
    for (const h of settled) h.settle(h.msg.serverTimestamp);
    this.facts.delivered(delivered);
    const work: Promise<void>[] = [];
    if (written.guids.length) work.push(this.acknowledgeWritten(device, written.guids, written.senders));
    for (const [committed, later] of afterCommit) {
      work.push(committed.then(() => this.acknowledgeWritten(device, later.guids, later.senders)));
    }
    await Promise.all(work);
  }

  private enqueue(msg: NewMessage): HeldMessage {
    const held = new HeldMessage(msg);
    this.lanes[laneOf(msg.sender)]!.add(held);
    return held;
  }

  private async acknowledgeWritten(device: DeviceRef, guids: number[], senders: (string | null | undefined)[]) {
    const { receipts } = await this.mailbox.acknowledge(device, guids, senders);
    await this.router.push(receipts);
  }

  /** The delivery receipt for acks recorded in memory, to every device of the sender; resolves once it is out. */
  private async receipt(from: DeviceRef, sender: string, ids: bigint[]): Promise<void> {
    const devices = await this.directory.recent(sender);
    const msg: NewMessage = {
      kind: MessageKind.DeliveredReceipt,
      sender: from,
      clientMessageId: null,
      serverTimestamp: Date.now(),
      body: packIds(ids),
      envelopes: devices.map((d) => ({ accountId: sender, deviceId: d.deviceId, type: 0, content: null })),
    };
    if (this.spare.length < msg.envelopes.length) return this.enqueue(msg).out;
    const held = new HeldMessage(msg);
    held.guids = this.spare.splice(0, msg.envelopes.length);
    this.hold(held, Date.now());
    this.lanes[laneOf(msg.sender)]!.addHeld(held);
    return held.out;
  }

  /** One round trip for the batch's guids (and spare ones for receipts) and repeats, then the pushes. */
  private async intake(batch: HeldMessage[]): Promise<void> {
    const total = batch.reduce((n, h) => n + h.msg.envelopes.length, 0);
    const topUp = this.holdMs && this.spare.length < SPARE_GUIDS / 2 ? SPARE_GUIDS - this.spare.length : 0;
    const { guids, repeats } = await this.repo.intake(
      total + topUp,
      batch.map((h) => h.msg),
    );
    if (topUp) this.spare.push(...guids.slice(total));
    const now = Date.now();
    let at = 0;
    batch.forEach((h, i) => {
      h.guids = guids.slice(at, at + h.msg.envelopes.length);
      at += h.msg.envelopes.length;
      h.repeat = repeats.has(i);
      if (h.repeat) {
        h.state = 'held';
        h.due = now;
      } else this.hold(h, now);
    });
  }

  /** Pushes a message with its guids to its devices here; pushed, it waits for their acks, else it is due now. */
  private hold(h: HeldMessage, now: number): void {
    h.state = 'held';
    h.due = now;
    if (this.holdMs === 0) return;
    const pending = h.pending();
    const pushed = this.router.pushHere(pending);
    if (!pushed.includes(true)) return;
    pending.forEach((p, k) => {
      if (pushed[k]) this.byGuid.set(p.guid, { held: h, index: k });
    });
    h.due = now + this.holdMs;
    h.pushed();
  }

  /** Writes the batch's unacked envelopes in one statement; ✓ for each, and a push of what is still unacked. */
  private async commit(batch: HeldMessage[]): Promise<void> {
    let written!: () => void;
    const committed = new Promise<void>((resolve) => {
      written = resolve;
    });
    for (const h of batch) {
      h.state = 'committing';
      h.committed = committed;
    }
    const results = await flushIsolated(
      (msgs: NewMessage[]) => this.mailbox.storeAll(msgs),
      batch.map((h) => h.remaining()),
    );
    const pending: PendingEnvelope[] = [];
    batch.forEach((h, i) => {
      for (const g of h.guids) if (this.byGuid.get(g)?.held === h) this.byGuid.delete(g);
      const r = results[i]!;
      if (r.status === 'rejected') {
        this.log.error(`storing a message failed: ${(r.reason as Error).message}`);
        h.fail(r.reason);
        return;
      }
      h.settle(r.value.stored.serverTimestamp);
      pending.push(...r.value.pending);
    });
    written();
    // Its devices may have moved (or got it already: a connection sends each guid once). Not awaited: the lane's next
    // write need not wait for route lookups.
    if (pending.length) void this.router.push(pending);
  }
}
