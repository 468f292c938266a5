import { Injectable, Logger } from '@nestjs/common';
import { DeviceDirectory } from '@switchboard/core/messaging/device-directory';
import type { BusinessMessage } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import type { SendFrame, SendGroup, ServerFrame } from '@switchboard/protocol';
import { BusinessCrypto, type BusinessDeviceRef } from '../business-crypto';
import { CoreLink } from '../core-link';
import { DeviceMessagesRepository } from '../device-messages.repository';
import type { RawClient } from '../keystore/device-keys.repository';
import { StatusReporter } from '../statuses';
import { BusinessSender } from './business-sender';
import { encryptFor, type SessionTarget, sessionTargets } from './device-envelopes';
import { type OutboxRow, SendOutboxRepository } from './send-outbox.repository';

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
 * the consumers' devices in one, one crypto transaction per business device for every session the batch touches, the
 * conversations handed to the core side by side (each in order, so the core's store batches them into shared commits),
 * then one transaction for every ✓ — statuses, their webhooks, the outbox rows. What it cannot take (read receipts,
 * refusals to correct, anything unusual) is left, from that row on, to the one-by-one path with its retries.
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
    const all = plans.flat();
    if (!all.length) return conversations;
    await this.encrypt(all, devices);

    const sent = await this.handOver(plans);
    const done = sent.flat();
    await db.$transaction(async (tx) => {
      await this.deviceMessages.markSent(
        done.map((d) => ({ wamid: d.row.wamid, serverTimestamp: d.serverTimestamp })),
        tx,
      );
      await this.statuses.advanceMany(
        done.map((d) => ({ wamid: d.row.wamid, target: 'sent' as const, at: new Date(d.serverTimestamp) })),
        tx,
      );
      await this.outbox.remove(
        done.map((d) => d.row.id),
        tx,
      );
    });
    return conversations.map((rows, i) => rows.slice(sent[i]!.length));
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

  /** One crypto transaction per business device: sessions started where missing, then every message in order. */
  private async encrypt(plans: Planned[], devices: Map<string, number[]>): Promise<void> {
    const byDevice = new Map<string, Planned[]>();
    for (const p of plans) byDevice.set(p.device.accountId, [...(byDevice.get(p.device.accountId) ?? []), p]);
    for (const group of byDevice.values()) {
      const peers = new Map(group.map((p) => [p.consumer, devices.get(p.consumer)!] as const));
      // Before anything is sent, as the one-by-one path does: receipts map back to wamids through these rows.
      const record = (tx: RawClient) =>
        this.deviceMessages.recordOutbound(
          group.map((p) => ({
            wamid: p.row.wamid,
            accountId: p.device.accountId,
            peerAccountId: p.consumer,
            clientMessageId: p.id,
          })),
          tx,
        );
      await this.crypto.withPeers(
        group[0]!.device,
        peers,
        async (c) => {
          // Each consumer's devices with a session, read once for the batch (encrypting only advances a session).
          const targets = new Map<string, SessionTarget[]>();
          for (const [consumer, deviceIds] of peers)
            targets.set(consumer, await sessionTargets(c, consumer, deviceIds));
          for (const p of group) p.group = await encryptFor(c, p.consumer, targets.get(p.consumer)!, p.plaintext);
        },
        record,
      );
    }
  }

  /**
   * Every business device's messages to the core in one call (stored in one statement: all or none). A refusal stops
   * everything after it — those rows are left to the one-by-one path, which corrects device lists — so what each
   * conversation got sent is a prefix of it. Never rejects.
   */
  private async handOver(plans: Planned[][]): Promise<{ row: OutboxRow; serverTimestamp: number }[][]> {
    const sent = plans.map((): { row: OutboxRow; serverTimestamp: number }[] => []);
    const byDevice = new Map<string, { p: Planned; conversation: number }[]>();
    for (const [conversation, list] of plans.entries())
      for (const p of list)
        byDevice.set(p.device.accountId, [...(byDevice.get(p.device.accountId) ?? []), { p, conversation }]);
    await Promise.all(
      [...byDevice.values()].map(async (list) => {
        let answers: ServerFrame[] = [];
        try {
          const frames = list.map(({ p }): SendFrame => ({ t: 'send', id: p.id, groups: [p.group!] }));
          answers = await this.core.sendAll(list[0]!.p.device, frames);
        } catch (err) {
          this.log.warn(`batched send failed, left to a retry: ${(err as Error).message}`);
        }
        for (const [i, a] of answers.entries()) {
          if (a.t !== 'send_ok') break;
          sent[list[i]!.conversation]!.push({ row: list[i]!.p.row, serverTimestamp: a.serverTimestamp });
        }
      }),
    );
    return sent;
  }
}
