// Messages over the connection: encrypt for every device, send until ✓, receive, decrypt, acknowledge, receipts.
import { randomBytes } from 'node:crypto';
import { CiphertextMessageType, DecryptionErrorMessage, PlaintextContent } from '@signalapp/libsignal-client';
import {
  type DeliverFrame,
  EnvelopeType,
  ErrorCode,
  ReceiptKind,
  type SendFrame,
  type ServerFrame,
} from '@switchboard/protocol';
import type { Connection } from './connection';
import { type Content, decodeContent, encodeContent } from './content';
import type { Address } from './crypto/device-crypto';
import { PreKeyRefill } from './crypto/prekey-refill';
import type { Storage } from './crypto/storage';
import { Ephemeral, type EphemeralContent, type Expiring, type ViewOnceContent } from './ephemeral/ephemeral';
import { sleepUntil, untilDeadline } from './messaging/deadline';
import { Envelopes } from './messaging/envelopes';
import { SendRefusedError } from './messaging/errors';
import { KnownDevices } from './messaging/known-devices';
import { Outbox } from './messaging/outbox';
import { PendingMessages } from './messaging/pending-messages';
import { ResendBuffer } from './messaging/resend-buffer';
import { waitOutRateLimit } from './messaging/retry-after';
import { RetryRequests } from './messaging/retry-requests';
import { SeenMessages } from './messaging/seen-messages';
import type {
  IncomingMessage,
  IncomingReceipt,
  MessagingCrypto,
  MessengerOptions,
  SendResult,
  SentMessage,
} from './messaging/types';
import { ProfileKeys } from './profiles/profile-keys';
import { KeyedQueue } from './util/keyed-queue';

export type {
  IncomingMessage,
  IncomingReceipt,
  MessagingCrypto,
  MessengerOptions,
  SendResult,
  SentMessage,
} from './messaging/types';

const DEFAULT_SEND_TIMEOUT_MS = 60_000;
const MAX_ATTEMPTS = 6;
const newId = () => randomBytes(8).readBigUInt64BE();

/** What a send encrypts besides the envelope: the text, structured content, and the ephemeral fields. */
type Outgoing = { text: string; rich?: Record<string, unknown>; retryOf?: bigint } & EphemeralContent;

/**
 * A device's messaging. Sends are encrypted for every device of the recipient and for this account's other devices,
 * and corrected and resent when the server says the device lists are wrong (409/410). Deliveries are shown once each
 * (de-duplicated by message id), in arrival order, and acknowledged after they were handled.
 */
export class Messenger {
  private readonly known: KnownDevices;
  private readonly envelopes: Envelopes;
  private readonly seen: SeenMessages;
  private readonly outbox: Outbox;
  private readonly pending: PendingMessages;
  private readonly resendable = new ResendBuffer();
  private readonly retries: RetryRequests;
  private readonly profileKeys: ProfileKeys;
  /** This device's disappearing-message state, for 1:1 chats and (through GroupMessenger) groups alike. */
  readonly ephemeral: Ephemeral;
  /** Tops up this device's one-time prekeys when the server says they run low (by itself; refill() to force a check). */
  readonly preKeys: PreKeyRefill;
  // One send at a time per conversation, each until ✓ or refusal: the next one can neither overtake it nor fetch a
  // second key bundle while the first is still setting up the session (or learning the device list from a 409).
  private readonly conversations = new KeyedQueue();
  private readonly listeners = {
    message: [] as ((m: IncomingMessage) => void | Promise<void>)[],
    receipt: [] as ((r: IncomingReceipt) => void)[],
    caughtUp: [] as (() => void)[],
    undecryptable: [] as ((d: DeliverFrame, err: Error) => void)[],
    handlerError: [] as ((m: IncomingMessage, err: Error) => void)[],
    sendResult: [] as ((r: SendResult) => void)[],
  };
  private inbound: Promise<void> = Promise.resolve();
  private acks: number[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly crypto: MessagingCrypto,
    private readonly storage: Storage,
    private readonly options: MessengerOptions = {},
  ) {
    this.known = new KnownDevices(storage);
    this.envelopes = new Envelopes(crypto, this.known);
    this.seen = new SeenMessages(storage);
    this.outbox = new Outbox(connection, storage);
    this.pending = new PendingMessages(storage);
    this.retries = new RetryRequests(storage);
    this.profileKeys = new ProfileKeys(storage);
    this.ephemeral = new Ephemeral(storage, this.pending);
    connection.onFrame((f) => this.onFrame(f));
    connection.onOpen(() => void this.retryPending());
    this.preKeys = new PreKeyRefill(connection, crypto);
  }

  get self(): Address {
    return this.crypto.address;
  }

  onMessage(l: (m: IncomingMessage) => void | Promise<void>): void {
    this.listeners.message.push(l);
  }
  onReceipt(l: (r: IncomingReceipt) => void): void {
    this.listeners.receipt.push(l);
  }
  /** The backlog has been delivered (after each connect). */
  onCaughtUp(l: () => void): void {
    this.listeners.caughtUp.push(l);
  }
  onUndecryptable(l: (d: DeliverFrame, err: Error) => void): void {
    this.listeners.undecryptable.push(l);
  }
  /** Every send's end, restored ones' too (their ✓ has no other listener: the promise was in the previous run). */
  onSendResult(l: (r: SendResult) => void): void {
    this.listeners.sendResult.push(l);
  }
  /** A message handler threw: the message stays pending and is handed over again (see retryPending). */
  onHandlerError(l: (m: IncomingMessage, err: Error) => void): void {
    this.listeners.handlerError.push(l);
  }

  /**
   * A disappearing message (sent or received) came due: this device has removed what it kept of it; the app deletes
   * its copy. Due messages of a previous run are reported at the start of this one.
   */
  onExpired(l: (e: Expiring) => void): void {
    this.ephemeral.onExpired(l);
  }

  /**
   * Sets the chat's disappearing timer (seconds, 0 = off) with a timer message that both sides (and this account's
   * other devices) see as an IncomingMessage with `timerChange`; from its ✓ on, every message into the chat carries
   * the timer, from either side.
   */
  setDisappearingTimer(to: string, seconds: number, options: { timeoutMs?: number } = {}): Promise<SentMessage> {
    if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError('the timer is a whole number of seconds ≥ 0');
    return this.send(to, { text: '', setsTimer: true, expireTimer: seconds }, options);
  }

  /** The chat's disappearing timer in seconds (0: off). */
  disappearingTimer(chat: string): number {
    return this.ephemeral.timer(chat);
  }

  /** A received view-once message's content: given once, then deleted from this device. */
  openViewOnce(from: string, messageId: bigint): ViewOnceContent | undefined {
    return this.ephemeral.openViewOnce(from, messageId);
  }

  /** Stops this Messenger's timers (the app is closing it; a new one over the same storage takes over). */
  close(): void {
    this.ephemeral.stop();
  }

  /**
   * Resends what a previous run left unconfirmed and hands over again the messages its handlers did not finish.
   * Call once, before or after the connection starts.
   */
  restore(): void {
    for (const frame of this.outbox.stored()) {
      const deadline = Date.now() + this.timeout();
      if (frame.t === 'read_receipt') {
        void this.outbox.request(frame, deadline).catch(() => undefined);
        continue;
      }
      const to = frame.groups[0]?.accountId ?? '';
      const resent = this.conversations.run(to, async () => {
        for (;;) {
          const answer = await this.outbox.request(frame, deadline);
          if (answer.t === 'send_ok') return { id: frame.id, serverTimestamp: answer.serverTimestamp };
          // The same bytes again after a 429 (nothing was stored). Re-encrypting needs the plaintext, which is not
          // kept: any other refusal of a restored send is final.
          if (!(await waitOutRateLimit(answer, deadline))) throw new SendRefusedError(answer.code, answer.message);
        }
      });
      void this.reported(frame.id, resent).catch(() => undefined);
    }
    void this.retryPending();
  }

  /**
   * Hands every pending message (a handler threw on it) to the handlers again, oldest first, after what is being
   * received now. Runs by itself after every (re)connect and on restore().
   */
  retryPending(): Promise<void> {
    return this.inOrder(async () => {
      for (const m of this.pending.all()) await this.present(m);
    });
  }

  // What comes in is handled one at a time, in arrival order; a listener that throws must not stop the ones after it.
  private inOrder(fn: () => void | Promise<void>): Promise<void> {
    this.inbound = this.inbound.then(fn).catch(() => undefined);
    return this.inbound;
  }

  /** Received messages not yet handled: the handlers threw on them. */
  get unhandled(): number {
    return this.pending.size;
  }

  get unconfirmed(): number {
    return this.outbox.pending;
  }

  /**
   * Sends a text and settles: ✓ (stored by the server), SendRefusedError, or SendTimeoutError after `timeoutMs`
   * (offline time included: a send waits for the connection). Retries with corrected device lists on 409/410, and
   * after a 429 once the server's wait (with jitter) is over.
   */
  sendText(to: string, text: string, options: { timeoutMs?: number } = {}): Promise<SentMessage> {
    return this.sendContent(to, { text }, options);
  }

  /** Like sendText, with structured content beside the text (a reply to a business: button, location, reaction…). */
  sendContent(
    to: string,
    content: { text: string; rich?: Record<string, unknown> },
    options: { timeoutMs?: number; viewOnce?: boolean } = {},
  ): Promise<SentMessage> {
    return this.send(to, { ...content, ...this.ephemeral.outgoing(to, options.viewOnce) }, options);
  }

  private send(to: string, content: Outgoing, options: { timeoutMs?: number }): Promise<SentMessage> {
    const id = newId();
    const sentAt = Date.now();
    const deadline = sentAt + (options.timeoutMs ?? this.timeout());
    return this.reported(
      id,
      this.conversations.run(to, () => this.deliver(id, to, content, sentAt, deadline)),
    );
  }

  private async deliver(
    id: bigint,
    to: string,
    content: Outgoing,
    sentAt: number,
    deadline: number,
  ): Promise<SentMessage> {
    for (let attempt = 1; ; ) {
      const frame = await untilDeadline(id, deadline, () => this.encrypt(id, to, content, sentAt));
      const answer = await this.outbox.request(frame, deadline);
      if (answer.t === 'send_ok') {
        const { retryOf, ...resent } = content;
        this.resendable.add({ ...resent, id: retryOf ?? id, to, sentAt, serverTimestamp: answer.serverTimestamp });
        this.ephemeral.sent(to, this.self.accountId, retryOf ?? id, content, answer.serverTimestamp);
        return { id, serverTimestamp: answer.serverTimestamp };
      }
      // Rate limits end by themselves: waiting them out is bounded by the deadline, not by MAX_ATTEMPTS.
      if (await waitOutRateLimit(answer, deadline)) continue;
      if (attempt++ >= MAX_ATTEMPTS || !this.correct(answer.code, answer.mismatches)) {
        throw new SendRefusedError(answer.code, answer.message);
      }
      if (answer.code >= 500) await sleepUntil(id, deadline, 100 * 2 ** (attempt - 1));
    }
  }

  private timeout(): number {
    return this.options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  }

  private async reported(id: bigint, send: Promise<SentMessage>): Promise<SentMessage> {
    try {
      const sent = await send;
      for (const l of this.listeners.sendResult) l({ id, ok: true, serverTimestamp: sent.serverTimestamp });
      return sent;
    } catch (err) {
      for (const l of this.listeners.sendResult) l({ id, ok: false, error: err as Error });
      throw err;
    }
  }

  /** Blue ticks: tells `from` (all its devices, and this account's others) these of its messages were read. */
  async markRead(from: string, messageIds: bigint[], upTo = 0): Promise<void> {
    const frame = { t: 'read_receipt', id: newId(), toAccountId: from, messageIds, upTo } as const;
    const deadline = Date.now() + this.timeout();
    for (;;) {
      const answer = await this.outbox.request(frame, deadline);
      if (answer.t === 'send_ok') return;
      if (!(await waitOutRateLimit(answer, deadline))) throw new SendRefusedError(answer.code, answer.message);
    }
  }

  private async encrypt(id: bigint, to: string, content: Outgoing, sentAt: number): Promise<SendFrame> {
    // Recipients learn who wrote (the number) and how to open the sender's profile (its key); the copies for this
    // account's own devices name the recipient instead.
    const number = this.options.number;
    const sender = number ? { number, profileKey: this.profileKeys.own() } : undefined;
    const frame = await this.envelopes.frame(id, to, (self) =>
      encodeContent({ ...content, sentAt, ...(self ? { to } : sender && { sender }) }),
    );
    const expiresInS = this.ephemeral.serverExpiry(content);
    return expiresInS ? { ...frame, expiresInS } : frame;
  }

  /** Applies a refusal's device lists. False when retrying cannot help. */
  private correct(
    code: number,
    mismatches: { accountId: string; missing: number[]; extra: number[]; stale: number[] }[],
  ) {
    if (code === ErrorCode.MismatchedDevices || code === ErrorCode.StaleDevices) {
      for (const m of mismatches) {
        this.known.correct(m.accountId, m.missing, m.extra);
        // Extra devices are gone; stale ones re-registered: their sessions are useless, new bundles are needed.
        this.crypto.deleteSessions(m.accountId, [...m.extra, ...m.stale]);
      }
      return true;
    }
    return code === ErrorCode.Unavailable || code === ErrorCode.Internal;
  }

  private onFrame(f: ServerFrame): void {
    switch (f.t) {
      case 'deliver':
        this.inOrder(() => this.receive(f));
        return;
      case 'receipt':
        this.inOrder(() => {
          const kind = f.kind === ReceiptKind.Read ? 'read' : 'delivered';
          const from = { accountId: f.fromAccountId, deviceId: f.fromDeviceId };
          const r = { kind, from, messageIds: f.messageIds, upTo: f.upTo, serverTimestamp: f.serverTimestamp } as const;
          for (const l of this.listeners.receipt) l(r);
          this.ack(f.guid);
        });
        return;
      case 'send_ok':
      case 'send_error':
        this.outbox.answer(f);
        return;
      case 'queue_empty':
        this.inOrder(() => {
          for (const l of this.listeners.caughtUp) l();
        });
        return;
      default:
        return;
    }
  }

  // Shown once: a redelivery of something already handled is only acknowledged again. Decrypted, kept as pending,
  // then acknowledged, then handed to the app: a crash before the ack means a redelivery, which the seen list absorbs;
  // a handler that throws leaves the message pending, to be handed over again (see PendingMessages).
  private async receive(d: DeliverFrame): Promise<void> {
    const message = await this.storage.batch(() => this.take(d)); // one commit for all it changed, before the ack
    this.ack(d.guid);
    if (message) await this.present(message);
  }

  /** Decrypts and records a delivery; the message to show, if any. */
  private async take(d: DeliverFrame): Promise<IncomingMessage | undefined> {
    if (this.seen.has(d.senderAccountId, d.messageId)) return undefined;
    const from = { accountId: d.senderAccountId, deviceId: d.senderDeviceId };
    if (d.type === EnvelopeType.Plaintext) {
      void this.retryRequested(d).catch(() => undefined); // a malformed or unanswerable request: nothing to do
      this.seen.add(d.senderAccountId, d.messageId);
      return undefined;
    }
    let message: IncomingMessage;
    let content: Content;
    try {
      content = decodeContent(await this.crypto.decrypt(from, d.type, d.ciphertext));
      if (content.retryOf !== undefined && !this.retries.answered(d.senderAccountId, content.retryOf)) {
        this.seen.add(d.senderAccountId, d.messageId); // this device showed the first copy: drop this one
        return undefined;
      }
      if (content.sender && d.senderAccountId !== this.self.accountId) {
        this.profileKeys.learn(d.senderAccountId, content.sender);
      }
      message = {
        from,
        messageId: content.retryOf ?? d.messageId,
        serverTimestamp: d.serverTimestamp,
        text: content.text,
        sentAt: content.sentAt,
        ...(content.rich && { rich: content.rich }),
        ...(content.to && { to: content.to }),
        ...(content.sender && { senderNumber: content.sender.number }),
      };
    } catch (err) {
      for (const l of this.listeners.undecryptable) l(d, err as Error);
      this.seen.add(d.senderAccountId, d.messageId);
      this.retries.asked(d.senderAccountId, d.messageId);
      void this.askForRetry(d).catch(() => undefined); // best effort: the failure is already reported
      return undefined;
    }
    const shown = this.ephemeral.received(message, content);
    this.seen.add(d.senderAccountId, d.messageId);
    if (!shown) return undefined; // it disappeared before it arrived
    this.pending.add(shown);
    return shown;
  }

  // Signal's retry request: a DecryptionErrorMessage naming the message (by its server time) and the device that sent
  // it, in a plaintext envelope to the sender's account (every device, as any send must name; only that one acts).
  private async askForRetry(d: DeliverFrame): Promise<void> {
    const ciphertext = new Uint8Array(d.ciphertext);
    const type = d.type as number as CiphertextMessageType;
    const error = DecryptionErrorMessage.forOriginal(ciphertext, type, d.serverTimestamp, d.senderDeviceId);
    const body = PlaintextContent.from(error).serialize();
    const id = newId();
    const deadline = Date.now() + this.timeout();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const frame = await this.envelopes.frame(id, d.senderAccountId, () => body, true);
      const answer = await this.outbox.request(frame, deadline);
      if (answer.t === 'send_ok' || !this.correct(answer.code, answer.mismatches)) return;
    }
  }

  // The sender's side: a fresh session with the device that asked (its old one is what failed), and the message again,
  // under a new id (the server keeps one copy per id) that names the first.
  private async retryRequested(d: DeliverFrame): Promise<void> {
    const body = PlaintextContent.deserialize(new Uint8Array(d.ciphertext)).body();
    const request = DecryptionErrorMessage.extractFromSerializedBody(body);
    if (request.deviceId() !== this.self.deviceId) return;
    const original = this.resendable.take(request.timestamp(), d.senderAccountId, this.self.accountId);
    if (!original) return;
    this.crypto.deleteSessions(d.senderAccountId, [d.senderDeviceId]);
    const { id, to, sentAt, serverTimestamp: _first, ...content } = original;
    const deadline = Date.now() + this.timeout();
    const again = newId();
    await this.conversations.run(to, () => this.deliver(again, to, { ...content, retryOf: id }, sentAt, deadline));
  }

  private async present(message: IncomingMessage): Promise<void> {
    try {
      for (const l of this.listeners.message) await l(message);
      this.pending.delete(message);
    } catch (err) {
      for (const l of this.listeners.handlerError) l(message, err as Error);
    }
  }

  // Acks of a burst (a backlog) go out together, in one frame.
  private ack(guid: number): void {
    if (this.acks.push(guid) > 1) return;
    setImmediate(() => {
      const guids = this.acks.splice(0, this.acks.length);
      for (let i = 0; i < guids.length; i += 1024) this.connection.send({ t: 'ack', guids: guids.slice(i, i + 1024) });
    });
  }
}
