import { Injectable } from '@nestjs/common';
import { MessagingLimit } from '@switchboard/business/limits/messaging-limit/messaging-limit';
import type { MessageError } from '@switchboard/business/messages/log/message-log.service';
import { DevicesService } from '@switchboard/core/devices/devices.service';
import type { BusinessMessage } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { ErrorCode, type SendGroup } from '@switchboard/protocol';
import { encodeContent } from '@switchboard/sdk';
import { BusinessCrypto, type BusinessDeviceRef } from '../business-crypto';
import { CoreLink } from '../core-link';
import { DeviceMessagesRepository } from '../device-messages.repository';
import { MediaSendError } from '../media/media-send-error';
import { OutboundMedia } from '../media/outbound-media';
import { clientIdOf, fromDbId, readReceiptIdOf } from '../message-ids';
import { ProvisioningService } from '../provisioning.service';
import { StatusReporter } from '../statuses';
import { encryptFor, sessionTargets } from './device-envelopes';
import { renderContent, UnsupportedContentError } from './render-content';
import { type OutboxRow, SendOutboxRepository } from './send-outbox.repository';

/** A failure retrying cannot fix: the message fails with this Cloud API error. */
export class PermanentSendError extends Error {
  constructor(
    readonly code: number,
    readonly title: string,
    readonly details: string,
  ) {
    super(`(${code}) ${title}: ${details}`);
  }
}

const MAX_DEVICE_CORRECTIONS = 4;
const undeliverable = (details: string) => new PermanentSendError(131026, 'Message undeliverable', details);

/** 131026 for a number with no account: nothing can reach it, so its template gives back its messaging-limit place. */
export class NotOnPlatformError extends PermanentSendError {
  constructor(waId: string) {
    super(131026, 'Message undeliverable', `${waId} is not a Switchboard user`);
  }
}

/**
 * Sends one outbox row as the business device: a message (render → encrypt for every device of the consumer → the
 * core's send path, correcting device lists on 409/410 → ✓ marks it `sent`), or a read receipt for an inbound message.
 * Throws PermanentSendError for what must fail the message, anything else for a retry.
 */
@Injectable()
export class BusinessSender {
  private readonly accounts = new Map<string, string>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly provisioning: ProvisioningService,
    private readonly crypto: BusinessCrypto,
    private readonly core: CoreLink,
    private readonly devices: DevicesService,
    private readonly statuses: StatusReporter,
    private readonly media: OutboundMedia,
    private readonly messagingLimit: MessagingLimit,
    private readonly outbox: SendOutboxRepository,
    private readonly deviceMessages: DeviceMessagesRepository,
  ) {}

  async process(row: OutboxRow): Promise<void> {
    if (row.kind === 'read') return this.sendRead(row);
    const db = this.prisma.client;
    const message = await db.businessMessage.findUnique({ where: { id: row.messageId } });
    if (message?.status !== 'queued') return this.done(row); // sent already (a retried lease)
    const { device, consumer, id, plaintext } = await this.prepare(row, message);
    await this.deviceMessages.recordOutbound([
      { wamid: row.wamid, accountId: device.accountId, peerAccountId: consumer, clientMessageId: id },
    ]);
    let deviceIds = (await this.devices.activeDevices(consumer)).map((d) => d.deviceId);
    if (!deviceIds.length) throw undeliverable(`${row.waId} has no device`);

    for (let attempt = 1; ; attempt++) {
      const group = await this.encrypt(device, consumer, deviceIds, plaintext);
      const answer = await this.core.send(device, { t: 'send', id, groups: [group] });
      if (answer.t === 'send_ok') {
        await db.$transaction(async (tx) => {
          await this.deviceMessages.markSent([{ wamid: row.wamid, serverTimestamp: answer.serverTimestamp }], tx);
          await this.statuses.advance(row.wamid, 'sent', new Date(answer.serverTimestamp), tx);
          await this.outbox.remove([row.id], tx);
        });
        return;
      }
      if (answer.t !== 'send_error') throw new Error(`unexpected answer ${answer.t}`);
      if (answer.code === ErrorCode.UnknownAccount) throw undeliverable(`${row.waId} has no device`);
      const correctable = answer.code === ErrorCode.MismatchedDevices || answer.code === ErrorCode.StaleDevices;
      if (!correctable || attempt >= MAX_DEVICE_CORRECTIONS)
        throw new Error(`core refused (${answer.code}): ${answer.message}`);
      // Extra devices are gone and stale ones re-registered: their sessions are useless. Then the exact list again.
      const drop = answer.mismatches.flatMap((m) => [...m.extra, ...m.stale]);
      await this.crypto.withPeer(device, consumer, 'session', async (c) => c.deleteSessions(consumer, drop));
      deviceIds = (await this.devices.activeDevices(consumer)).map((d) => d.deviceId);
    }
  }

  /** What a message row sends (shared with the batched path, BatchSender): its device, consumer, core id, plaintext. */
  async prepare(row: OutboxRow, message: BusinessMessage) {
    const device = await this.provisioning.device(row.phoneNumberId);
    const consumer = await this.consumerAccount(row.waId);
    if (!consumer) throw new NotOnPlatformError(row.waId);
    // A failure decided when the message was accepted (131047: the window was closed) is reported, not sent.
    const decided = message.error as MessageError | null;
    if (decided)
      throw new PermanentSendError(decided.code, decided.title, decided.error_data?.details ?? decided.title);

    const ids = await this.coreIdsOf(device, message.payload as Record<string, unknown>);
    const payload = await this.attachMedia(device, row, message.type, message.payload as Record<string, unknown>);
    let content: ReturnType<typeof renderContent>;
    try {
      content = renderContent(message.type, payload, (w) => ids.get(w));
    } catch (err) {
      if (err instanceof UnsupportedContentError) throw undeliverable(err.message);
      throw err;
    }
    const id = clientIdOf(row.wamid);
    const plaintext = encodeContent({ text: content.text, rich: content.rich, sentAt: message.createdAt.getTime() });
    return { device, consumer, id, plaintext };
  }

  /**
   * Media become end-to-end encrypted attachments, encrypted and uploaded once for all the consumer's devices (a
   * retried row uploads again; the core keeps the first copy of the message, the unused blob expires).
   */
  private async attachMedia(device: BusinessDeviceRef, row: OutboxRow, type: string, payload: Record<string, unknown>) {
    try {
      return await this.media.attach(device, row.businessId, type, payload);
    } catch (err) {
      if (err instanceof MediaSendError) throw new PermanentSendError(131053, 'Media upload error', err.message);
      throw err;
    }
  }

  /**
   * Fails the row's message with `error` and its `failed` webhook, and drops the row, in one transaction. A number
   * with no account gives back the messaging-limit place its template took.
   */
  async fail(row: OutboxRow, error: PermanentSendError): Promise<void> {
    const unreachable = row.kind === 'message' && error instanceof NotOnPlatformError;
    await this.prisma.client.$transaction(async (tx) => {
      if (row.kind === 'message') {
        const e = {
          code: error.code,
          title: error.title,
          message: error.title,
          error_data: { details: error.details },
        };
        await this.statuses.fail(row.wamid, e, new Date(), tx);
      }
      if (unreachable) await this.messagingLimit.forget(tx, row.businessId, row.waId);
      await this.outbox.remove([row.id], tx);
    });
    if (unreachable) await this.messagingLimit.evict(row.businessId, row.waId);
  }

  private async encrypt(
    device: BusinessDeviceRef,
    consumer: string,
    deviceIds: number[],
    plaintext: Uint8Array,
  ): Promise<SendGroup> {
    return this.crypto.withPeer(device, consumer, 'session', async (c) =>
      encryptFor(c, consumer, await sessionTargets(c, consumer, deviceIds), plaintext),
    );
  }

  /** The API's mark-as-read: a read receipt "up to" the consumer's message, to all the consumer's devices. */
  private async sendRead(row: OutboxRow): Promise<void> {
    const inbound = await this.prisma.client.businessDeviceMessage.findUnique({ where: { wamid: row.wamid } });
    if (!inbound) return this.done(row); // not a message this device received (nothing to tell anyone)
    const device = await this.provisioning.device(row.phoneNumberId);
    const answer = await this.core.read(device, {
      t: 'read_receipt',
      id: readReceiptIdOf(row.wamid),
      toAccountId: inbound.peerAccountId,
      messageIds: [fromDbId(inbound.clientMessageId)],
      upTo: Number(inbound.serverTimestamp ?? 0),
    });
    if (answer.t === 'send_error') throw new Error(`read receipt refused (${answer.code}): ${answer.message}`);
    await this.done(row);
  }

  private async done(row: OutboxRow): Promise<void> {
    await this.outbox.remove([row.id]);
  }

  private async consumerAccount(waId: string): Promise<string | undefined> {
    const hit = this.accounts.get(waId);
    if (hit) return hit;
    const account = await this.prisma.client.account.findUnique({
      where: { number: `+${waId}` },
      select: { id: true },
    });
    if (account) this.accounts.set(waId, account.id);
    return account?.id;
  }

  /** Core ids of the wamids a message refers to (its context, a reaction's target), as the consumer knows them. */
  private async coreIdsOf(device: BusinessDeviceRef, payload: Record<string, unknown>): Promise<Map<string, string>> {
    const refs = [
      (payload.context as { message_id?: string } | undefined)?.message_id,
      (payload.reaction as { message_id?: string } | undefined)?.message_id,
    ].filter((w): w is string => !!w);
    if (!refs.length) return new Map();
    const rows = await this.prisma.client.businessDeviceMessage.findMany({
      where: { wamid: { in: refs }, accountId: device.accountId },
    });
    return new Map(rows.map((r) => [r.wamid, fromDbId(r.clientMessageId).toString()]));
  }
}
