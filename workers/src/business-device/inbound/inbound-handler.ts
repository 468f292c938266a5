import { Injectable, Logger } from '@nestjs/common';
import { ContactsService } from '@switchboard/business/contacts/contacts.service';
import { InboxIntake } from '@switchboard/business/inbox/intake/inbox-intake';
import { MessageLogService } from '@switchboard/business/messages/log/message-log.service';
import { inboundWamid } from '@switchboard/business/messages/wamid';
import { withStorableText } from '@switchboard/core/common/storable-text';
import { frameFor } from '@switchboard/core/messaging/mailbox/envelope-frames';
import type { PendingEnvelope } from '@switchboard/core/messaging/mailbox/mailbox.types';
import { MessageKind } from '@switchboard/core/messaging/mailbox/mailbox.types';
import { PrismaService } from '@switchboard/platform';
import { decodeServerFrame } from '@switchboard/protocol';
import { decodeContent } from '@switchboard/sdk';
import { WebhookEventsService } from '@switchboard/webhooks';
import { FlowInbox } from '../../flows/flow-inbox';
import { BusinessCrypto, type BusinessDeviceRef } from '../business-crypto';
import { INBOUND_MEDIA, InboundMedia } from '../media/inbound-media';
import { fromDbId, toDbId } from '../message-ids';
import { StatusReporter } from '../statuses';
import { NumberMetadataCache, unixSeconds } from '../webhook-values';
import { cloudMessage } from './inbound-message';

const PREKEY_TYPE = 3;

/**
 * What arrives in a business device's mailbox: consumers' messages (decrypted, logged once per wamid, the contact and
 * its window updated, a `messages` webhook) and their devices' receipts (delivered / read statuses, in order).
 */
@Injectable()
export class InboundHandler {
  private readonly log = new Logger('BusinessInbound');
  private readonly numbers = new Map<string, string>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly crypto: BusinessCrypto,
    private readonly contacts: ContactsService,
    private readonly messageLog: MessageLogService,
    private readonly events: WebhookEventsService,
    private readonly statuses: StatusReporter,
    private readonly metadata: NumberMetadataCache,
    private readonly inboundMedia: InboundMedia,
    private readonly flows: FlowInbox,
    private readonly inbox: InboxIntake,
  ) {}

  async handle(device: BusinessDeviceRef, e: PendingEnvelope): Promise<void> {
    if (e.kind === MessageKind.Message) return this.message(device, e);
    if (e.kind === MessageKind.DeliveredReceipt || e.kind === MessageKind.ReadReceipt) {
      return this.receipt(device, e, e.kind === MessageKind.ReadReceipt ? 'read' : 'delivered');
    }
  }

  /**
   * A run of receipt envelopes at once (the drainer's): one lookup for all the ids they name, then every status step in
   * one transaction (StatusReporter.advanceMany), in the envelopes' order. Same outcome as receipt() one by one.
   */
  async receipts(device: BusinessDeviceRef, envelopes: PendingEnvelope[]): Promise<void> {
    const receipts = envelopes.flatMap((e) => {
      const kind = e.kind === MessageKind.ReadReceipt ? ('read' as const) : ('delivered' as const);
      const frame = decodeServerFrame(frameFor(e));
      return frame.t === 'receipt' ? [{ e, kind, frame }] : [];
    });
    const ids = [...new Set(receipts.flatMap((r) => r.frame.messageIds.map(toDbId)))];
    const rows = ids.length
      ? await this.prisma.client.businessDeviceMessage.findMany({
          where: { accountId: device.accountId, direction: 'outbound', clientMessageId: { in: ids } },
          select: { wamid: true, clientMessageId: true },
        })
      : [];
    const wamidOf = new Map(rows.map((r) => [r.clientMessageId, r.wamid]));
    const items: { wamid: string; target: 'delivered' | 'read'; at: Date }[] = [];
    for (const { e, kind, frame } of receipts) {
      const upTo = kind === 'read' && frame.upTo ? await this.readUpTo(device, e.sender.accountId, frame.upTo) : [];
      const named = frame.messageIds.flatMap((id) => wamidOf.get(toDbId(id)) ?? []);
      const at = new Date(e.serverTimestamp);
      for (const wamid of new Set([...named, ...upTo])) items.push({ wamid, target: kind, at });
    }
    await this.statuses.advanceMany(items);
  }

  private async readUpTo(device: BusinessDeviceRef, peerAccountId: string, upTo: number): Promise<string[]> {
    const rows = await this.prisma.client.businessDeviceMessage.findMany({
      where: {
        accountId: device.accountId,
        direction: 'outbound',
        peerAccountId,
        serverTimestamp: { lte: BigInt(upTo) },
      },
      select: { wamid: true },
    });
    return rows.map((r) => r.wamid);
  }

  private async receipt(device: BusinessDeviceRef, e: PendingEnvelope, kind: 'delivered' | 'read'): Promise<void> {
    // Read through the frame the core would push (frameFor): the stored body's layout is the core's business.
    const frame = decodeServerFrame(frameFor(e));
    if (frame.t !== 'receipt') return;
    const { messageIds, upTo } = frame;
    const db = this.prisma.client;
    const byId = await db.businessDeviceMessage.findMany({
      where: { accountId: device.accountId, direction: 'outbound', clientMessageId: { in: messageIds.map(toDbId) } },
      select: { wamid: true },
    });
    const upToRows =
      kind === 'read' && upTo
        ? await db.businessDeviceMessage.findMany({
            where: {
              accountId: device.accountId,
              direction: 'outbound',
              peerAccountId: e.sender.accountId,
              serverTimestamp: { lte: BigInt(upTo) },
            },
            select: { wamid: true },
          })
        : [];
    const wamids = [...new Set([...byId, ...upToRows].map((r) => r.wamid))];
    const at = new Date(e.serverTimestamp);
    for (const wamid of wamids) await this.statuses.advance(wamid, kind, at);
  }

  private async message(device: BusinessDeviceRef, e: PendingEnvelope): Promise<void> {
    if (e.sender.accountId === device.accountId || !e.content || e.clientMessageId === null) return;
    const db = this.prisma.client;
    const waId = await this.waIdOf(e.sender.accountId);
    if (!waId) return; // the sender's account is gone
    const wamid = inboundWamid(waId, e.sender.accountId, e.clientMessageId);
    if (await db.businessDeviceMessage.findUnique({ where: { wamid } })) return; // handled; only the ack was lost
    let plaintext: Uint8Array;
    try {
      plaintext = await this.crypto.withPeer(
        device,
        e.sender.accountId,
        e.type === PREKEY_TYPE ? 'prekeys' : 'session',
        (c) => c.decrypt(e.sender, e.type, e.content!),
      );
    } catch (err) {
      this.log.warn(`undecryptable message from ${e.sender.accountId}.${e.sender.deviceId}: ${(err as Error).message}`);
      return;
    }
    const content = decodeContent(plaintext);
    const refs = await this.outboundWamids(device, content.rich);
    const { businessId, ...metadata } = await this.metadata.of(device.phoneNumberId);
    const media = await this.mediaOf(businessId, device.phoneNumberId, content.rich);
    const message = cloudMessage(content.text, content.rich, (id) => refs.get(id), media);
    const at = new Date(e.serverTimestamp);
    const profileName = (content.rich?.profile as { name?: string } | undefined)?.name ?? waId;
    const text = message.type === 'text' ? content.text : undefined;
    // A consumer's client may send text Postgres cannot store (NUL): the contact and the log keep U+FFFD in its
    // place, the webhook (stored as JSON text, where "\u0000" is plain ASCII) carries what was sent.
    await this.contacts.recordInbound(businessId, waId, withStorableText(profileName), at, text);
    const queued = await db.$transaction(async (tx) => {
      const created = await this.messageLog.recordInbound(
        {
          wamid,
          businessId,
          phoneNumberId: device.phoneNumberId,
          waId,
          type: String(message.type),
          payload: withStorableText(message),
          ...((message.context as { id?: string } | undefined)?.id && {
            contextWamid: (message.context as { id: string }).id,
          }),
          at,
        },
        tx,
      );
      await tx.businessDeviceMessage.create({
        data: {
          wamid,
          accountId: device.accountId,
          direction: 'inbound',
          peerAccountId: e.sender.accountId,
          clientMessageId: toDbId(e.clientMessageId!),
          serverTimestamp: BigInt(e.serverTimestamp),
        },
      });
      if (!created) return false;
      const value = {
        messaging_product: 'whatsapp',
        metadata,
        contacts: [{ profile: { name: profileName }, wa_id: waId }],
        messages: [{ from: waId, id: wamid, timestamp: unixSeconds(at), ...message }],
      };
      await this.events.emit(businessId, 'messages', value, {
        orderingKey: `inbound:${device.phoneNumberId}:${waId}`,
        tx,
      });
      // Queued with the log row: a message is offered to flows exactly once, however often it is delivered.
      const offered = await this.flows.offer(tx, {
        wamid,
        businessId,
        phoneNumberId: device.phoneNumberId,
        waId,
        message,
        sentAt: at,
      });
      // Last: the inbox's event holds the business's event counter locked until the commit, and every other inbox
      // change of the business (its other numbers' messages, statuses, assignments) waits on that lock meanwhile.
      await this.inbox.received(tx, { businessId, phoneNumberId: device.phoneNumberId, waId, wamid, at });
      return offered;
    });
    if (queued) this.flows.kick(device.phoneNumberId, waId);
    this.inbox.route(businessId);
  }

  /** A media message's attachment, fetched, verified and stored as the business's Media (or Meta's 131052 form). */
  private async mediaOf(businessId: string, phoneNumberId: string, rich?: Record<string, unknown>) {
    const type = rich?.type;
    if (typeof type !== 'string' || !INBOUND_MEDIA.has(type)) return undefined;
    return this.inboundMedia.receive(businessId, phoneNumberId, type, (rich?.[type] ?? {}) as Record<string, unknown>);
  }

  /** wamids of this device's messages a reply refers to (context, reaction), by the core ids the consumer knows. */
  private async outboundWamids(
    device: BusinessDeviceRef,
    rich?: Record<string, unknown>,
  ): Promise<Map<string, string>> {
    const ids = [
      (rich?.context as { id?: string } | undefined)?.id,
      (rich?.reaction as { message_id?: string } | undefined)?.message_id,
    ].filter((v): v is string => typeof v === 'string' && /^\d{1,20}$/.test(v));
    if (!ids.length) return new Map();
    const rows = await this.prisma.client.businessDeviceMessage.findMany({
      where: { accountId: device.accountId, clientMessageId: { in: ids.map((v) => toDbId(BigInt(v))) } },
    });
    return new Map(rows.map((r) => [fromDbId(r.clientMessageId).toString(), r.wamid]));
  }

  private async waIdOf(accountId: string): Promise<string | undefined> {
    const hit = this.numbers.get(accountId);
    if (hit) return hit;
    const a = await this.prisma.client.account.findUnique({ where: { id: accountId }, select: { number: true } });
    if (!a) return undefined;
    const waId = a.number.replace(/^\+/, '');
    this.numbers.set(accountId, waId);
    return waId;
  }
}
