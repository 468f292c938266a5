import { Injectable, Logger } from '@nestjs/common';
import { DeviceDirectory } from '@switchboard/core/messaging/device-directory';
import type { BusinessMessage } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import type { SendFrame, SendGroup, ServerFrame } from '@switchboard/protocol';
import { BusinessCrypto, type BusinessDeviceRef } from '../business-crypto';
import { CoreLink } from '../core-link';
import { DeviceMessagesRepository } from '../device-messages.repository';
import { StatusReporter } from '../statuses';
import { BusinessSender } from './business-sender';
import { encryptFor, type SessionTarget, sessionTargets } from './device-envelopes';
import { type OutboxRow, SendOutboxRepository } from './send-outbox.repository';

// Business devices whose transactions run at once. Each holds one Prisma connection until its commit, and starting a
// session inside it fetches the consumer's bundle on another: unbounded, a batch from ten numbers to new consumers
// would hold the whole pool (10) and wait on itself until the transactions time out.
const DEVICES_AT_ONCE = 3;

interface Planned {
  row: OutboxRow;
  device: BusinessDeviceRef;
  consumer: string;
  id: bigint;
  plaintext: Uint8Array;
  group?: SendGroup;
}

/**
 * A claimed batch's messages sent together (docs/business.md, "The business device"): the messages read in one query,
 * the consumers' devices in one, then per business device one transaction that encrypts every message with the
 * sessions in this worker's memory, hands the conversations to the core side by side (each in order, so the core's
 * store batches them into shared commits), and commits every ✓ — statuses, their webhooks, the outbox rows — with the
 * sealed sessions. What it cannot take (read receipts, refusals to correct, anything unusual) is left, from that row
 * on, to the one-by-one path with its retries.
 */
@Injectable()
export class BatchSender {
  private readonly log = new Logger('BusinessBatchSend');

  constructor(
    private readonly prisma: PrismaService,
    private readonly sender: BusinessSender,
    private readonly crypto: BusinessCrypto,
    private readonly core: CoreLink,
    private readonly statuses: StatusReporter,
    private readonly directory: DeviceDirectory,
    private readonly outbox: SendOutboxRepository,
    private readonly deviceMessages: DeviceMessagesRepository,
  ) {}

  /** Sends what it can; returns, per conversation, the rows (in order) left for BusinessSender.process. */
  async send(conversations: OutboxRow[][]): Promise<OutboxRow[][]> {
    const db = this.prisma.client;
    const ids = conversations.flat().flatMap((r) => (r.kind === 'message' ? [r.messageId] : []));
    if (!ids.length) return conversations;
    const messages = new Map(
      (await db.businessMessage.findMany({ where: { id: { in: ids } } })).map((m) => [m.id, m] as const),
    );
    const plans = await Promise.all(conversations.map((rows) => this.plan(rows, messages)));
    const devices = await this.devicesOf([...new Set(plans.flat().map((p) => p.consumer))]);
    for (const [i, conversation] of plans.entries()) {
      const usable = conversation.findIndex((p) => !devices.get(p.consumer)?.length);
      if (usable >= 0) plans[i] = conversation.slice(0, usable); // no device: the one-by-one path fails it
    }
    if (!plans.some((c) => c.length)) return conversations;

    // Each business device's share, a few side by side; what each conversation got sent is a prefix of it (handOver).
    const byDevice = new Map<string, { p: Planned; conversation: number }[]>();
    for (const [conversation, list] of plans.entries())
      for (const p of list)
        byDevice.set(p.device.accountId, [...(byDevice.get(p.device.accountId) ?? []), { p, conversation }]);
    const sent = conversations.map(() => 0);
    const queue = [...byDevice.values()];
    const lanes = Array.from({ length: Math.min(DEVICES_AT_ONCE, queue.length) }, async () => {
      for (let list = queue.shift(); list; list = queue.shift()) {
        const done = await this.sendAs(
          list.map(({ p }) => p),
          devices,
        );
        for (let i = 0; i < done; i++) sent[list[i]!.conversation]!++;
      }
    });
    // Every lane finished before a failure goes up (the caller then sends every row one by one).
    const failed = (await Promise.allSettled(lanes)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return conversations.map((rows, i) => rows.slice(sent[i]));
  }

  /**
   * One business device's messages: recorded (receipts map back to wamids through these rows, so before anything is
   * sent), then one crypto transaction — sessions started where missing, every message encrypted in order, handed to
   * the core, and its ✓ recorded (statuses, their webhooks, the outbox rows) in the commit that seals the advanced
   * sessions (BusinessCrypto.withPeers). Returns how many of `plans`, from the first, were sent.
   */
  private async sendAs(plans: Planned[], devices: Map<string, number[]>): Promise<number> {
    const device = plans[0]!.device;
    const peers = new Map(plans.map((p) => [p.consumer, devices.get(p.consumer)!] as const));
    await this.deviceMessages.recordOutbound(
      plans.map((p) => ({
        wamid: p.row.wamid,
        accountId: device.accountId,
        peerAccountId: p.consumer,
        clientMessageId: p.id,
      })),
    );
    return this.crypto.withPeers(device, peers, async (c, tx) => {
      // Each consumer's devices with a session, read once for the batch (encrypting only advances a session).
      const targets = new Map<string, SessionTarget[]>();
      for (const [consumer, deviceIds] of peers) targets.set(consumer, await sessionTargets(c, consumer, deviceIds));
      for (const p of plans) p.group = await encryptFor(c, p.consumer, targets.get(p.consumer)!, p.plaintext);
      const sent = await this.handOver(device, plans);
      await this.deviceMessages.markSent(
        sent.map((d) => ({ wamid: d.row.wamid, serverTimestamp: d.serverTimestamp })),
        tx,
      );
      await this.statuses.advanceMany(
        sent.map((d) => ({ wamid: d.row.wamid, target: 'sent' as const, at: new Date(d.serverTimestamp) })),
        tx,
      );
      await this.outbox.remove(
        sent.map((d) => d.row.id),
        tx,
      );
      return sent.length;
    });
  }

  /** The conversation's leading rows this path can take: queued messages whose content renders. */
  private async plan(rows: OutboxRow[], messages: Map<bigint, BusinessMessage>): Promise<Planned[]> {
    const plans: Planned[] = [];
    for (const row of rows) {
      const message = row.kind === 'message' ? messages.get(row.messageId) : undefined;
      if (message?.status !== 'queued') break;
      try {
        plans.push({ row, ...(await this.sender.prepare(row, message)) });
      } catch {
        break; // the one-by-one path meets the same error and deals with it
      }
    }
    return plans;
  }

  /** Every consumer's active devices, fresh: the directory reads lookups made together in one query. */
  private async devicesOf(consumers: string[]): Promise<Map<string, number[]>> {
    const sets = await Promise.all(consumers.map((c) => this.directory.exact(c)));
    return new Map(consumers.map((c, i) => [c, sets[i]!.map((d) => d.deviceId)] as const));
  }

  /**
   * The device's messages to the core in one call (stored in one statement: all or none). A refusal stops everything
   * after it — those rows are left to the one-by-one path, which corrects device lists —, so what is sent is a prefix
   * of `plans`. Never rejects.
   */
  private async handOver(
    device: BusinessDeviceRef,
    plans: Planned[],
  ): Promise<{ row: OutboxRow; serverTimestamp: number }[]> {
    let answers: ServerFrame[] = [];
    try {
      answers = await this.core.sendAll(
        device,
        plans.map((p): SendFrame => ({ t: 'send', id: p.id, groups: [p.group!] })),
      );
    } catch (err) {
      this.log.warn(`batched send failed, left to a retry: ${(err as Error).message}`);
    }
    const sent: { row: OutboxRow; serverTimestamp: number }[] = [];
    for (const [i, a] of answers.entries()) {
      if (a.t !== 'send_ok') break;
      sent.push({ row: plans[i]!.row, serverTimestamp: a.serverTimestamp });
    }
    return sent;
  }
}
