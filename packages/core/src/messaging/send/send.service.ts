import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { ErrorCode, type SendFrame, type ServerFrame } from '@switchboard/protocol';
import { NewChatLimit } from '../../limits/new-chat-limit';
import { DeviceDirectory } from '../device-directory';
import { MailboxService } from '../mailbox/mailbox.service';
import { type DeviceRef, MessageKind, type NewMessage } from '../mailbox/mailbox.types';
import { RelayService } from '../relay/relay.service';
import { DeliveryRouter } from '../routing/delivery-router';
import { type ActiveDevices, checkDevices } from './device-check';

const MESSAGES = { 404: 'unknown account', 409: 'mismatched devices', 410: 'stale devices' } as const;

/**
 * A device's send: check the device sets (nothing is stored when they are wrong), then hand it to the relay, which
 * pushes it and answers ✓ once it is safe — stored, or acked by every recipient device (messaging/relay).
 */
@Injectable()
export class SendService {
  private readonly log = new Logger('SendService');

  constructor(
    private readonly directory: DeviceDirectory,
    private readonly mailbox: MailboxService,
    private readonly relay: RelayService,
    private readonly router: DeliveryRouter,
    private readonly newChats: NewChatLimit,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /**
   * Checks a send (the slow part: device lookups, which may run for several sends at once) and resolves to a step that
   * answers a refusal or queues the message for storage, ✓ following through `reply` after the commit. A connection
   * runs those steps in the order its sends arrived, so its messages are stored, and delivered, in that order.
   */
  async prepare(from: DeviceRef, frame: SendFrame, reply: (f: ServerFrame) => void): Promise<() => void> {
    const checked = await this.check(from, frame);
    if ('refusal' in checked) return () => reply(checked.refusal);
    return () => void this.complete(frame.id, this.relay.store(checked.message), reply);
  }

  /**
   * Several sends of one in-process sender (the business device's batches): all checked, then the leading ones that
   * pass stored in one statement — all or none, so a failure never lets a later message overtake an earlier one —,
   * then pushed. Answers in order: ✓ for the stored ones, then the first refusal if any (nothing after it).
   */
  async sendAll(from: DeviceRef, frames: SendFrame[]): Promise<ServerFrame[]> {
    const checks = await Promise.all(frames.map((f) => this.check(from, f)));
    const messages: NewMessage[] = [];
    let refusal: ServerFrame | undefined;
    for (const c of checks) {
      if ('refusal' in c) {
        refusal = c.refusal;
        break;
      }
      messages.push(c.message);
    }
    let results: Awaited<ReturnType<MailboxService['storeAll']>> = [];
    try {
      if (messages.length) results = await this.mailbox.storeAll(messages);
    } catch (err) {
      this.log.error(`storing messages failed: ${(err as Error).message}`);
      const id = frames[0]!.id;
      return [{ t: 'send_error', id, code: ErrorCode.Unavailable, message: 'not stored; try again', mismatches: [] }];
    }
    const answers: ServerFrame[] = results.map((r, i) => ({
      t: 'send_ok',
      id: frames[i]!.id,
      serverTimestamp: r.stored.serverTimestamp,
    }));
    this.router
      .push(results.flatMap((r) => r.pending))
      .catch((err) => this.log.warn(`push failed (the mailbox has them): ${(err as Error).message}`));
    return refusal ? [...answers, refusal] : answers;
  }

  /** A send's checks: the refusal to answer, or the message to store. */
  private async check(from: DeviceRef, frame: SendFrame): Promise<{ refusal: ServerFrame } | { message: NewMessage }> {
    const refuse = (code: number, message: string) => ({
      refusal: { t: 'send_error', id: frame.id, code, message, mismatches: [] } as ServerFrame,
    });
    const max = this.config.messaging.maxEnvelopeBytes;
    if (frame.groups.some((g) => g.envelopes.some((e) => e.ciphertext.length > max))) {
      return refuse(ErrorCode.TooLarge, `an envelope is larger than ${max} bytes`);
    }

    const accounts = [...new Set([from.accountId, ...frame.groups.map((g) => g.accountId)])];
    // The new-chat limit's Redis lookup has no effect, so it runs alongside the device lookup; its decision waits.
    const peers = accounts.filter((a) => a !== from.accountId);
    const unknownPeers = this.newChats.unknownPeers(from.accountId, peers);
    unknownPeers.catch(() => undefined); // awaited below, unless the send is refused first
    let active: Map<string, ActiveDevices>;
    try {
      active = new Map(await Promise.all(accounts.map(async (a) => [a, await this.directory.exact(a)] as const)));
    } catch (err) {
      this.log.error(`device lookup failed: ${(err as Error).message}`);
      return refuse(ErrorCode.Unavailable, 'try again');
    }
    const check = checkDevices(from, frame.groups, active);
    if (!check.ok) {
      if (check.code === 404) return refuse(ErrorCode.UnknownAccount, `${MESSAGES[404]} ${check.accountId}`);
      const { code, mismatches } = check;
      return { refusal: { t: 'send_error', id: frame.id, code, message: MESSAGES[code], mismatches } };
    }
    // Decided after the device check, so a send to an unknown account never counts as a chat started.
    let chats: Awaited<ReturnType<NewChatLimit['decide']>>;
    try {
      chats = await this.newChats.decide(from.accountId, await unknownPeers);
    } catch (err) {
      this.log.error(`new-chat check failed: ${(err as Error).message}`);
      return refuse(ErrorCode.Unavailable, 'try again');
    }
    if (!chats.ok)
      return refuse(
        ErrorCode.RateLimited,
        `new chats limit: at most ${chats.limit} a day with accounts that never messaged you; retry in ${Math.ceil(chats.retryAfterMs / 1000)} s`,
      );

    const serverTimestamp = Date.now();
    const message: NewMessage = {
      kind: MessageKind.Message,
      sender: from,
      clientMessageId: frame.id,
      serverTimestamp,
      ...(frame.expiresInS && { expiresAt: serverTimestamp + frame.expiresInS * 1000 }),
      body: null,
      envelopes: frame.groups.flatMap((g) =>
        g.envelopes.map((e) => ({ accountId: g.accountId, deviceId: e.deviceId, type: e.type, content: e.ciphertext })),
      ),
    };
    return { message };
  }

  private async complete(id: bigint, storing: Promise<{ serverTimestamp: number }>, reply: (f: ServerFrame) => void) {
    try {
      const { serverTimestamp } = await storing;
      reply({ t: 'send_ok', id, serverTimestamp });
    } catch {
      // The relay logged why; the sender keeps the message and sends it again.
      reply({ t: 'send_error', id, code: ErrorCode.Unavailable, message: 'not stored; try again', mismatches: [] });
    }
  }
}
