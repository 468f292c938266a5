// Group messaging with sender keys (docs/groups.md): distribute this device's key through the pairwise sessions,
// encrypt each message once, rotate when someone leaves, ask for a retry when a message cannot be decrypted.
import { randomBytes } from 'node:crypto';
import {
  CiphertextMessageType,
  DecryptionErrorMessage,
  groupDecrypt,
  groupEncrypt,
  PlaintextContent,
  ProtocolAddress,
  processSenderKeyDistributionMessage,
  SenderKeyDistributionMessage,
} from '@signalapp/libsignal-client';
import {
  type ClientFrame,
  type DeliverFrame,
  type DeviceMismatch,
  devicesDigest,
  EnvelopeType,
  type EnvelopeTypeCode,
  ErrorCode,
  type GroupDeliverFrame,
  type GroupEventFrame,
  type GroupSendFrame,
  type SendErrorFrame,
  type SendOkFrame,
  type ServerFrame,
} from '@switchboard/protocol';
import type { Connection } from '../connection';
import { decodeContent, encodeContent } from '../content';
import type { Address, DeviceCrypto } from '../crypto/device-crypto';
import type { Storage } from '../crypto/storage';
import type { EphemeralContent } from '../ephemeral/ephemeral';
import type { Messenger } from '../messaging';
import { sleepUntil, untilDeadline } from '../messaging/deadline';
import { Envelopes } from '../messaging/envelopes';
import { SendRefusedError, SendTimeoutError } from '../messaging/errors';
import { KnownDevices } from '../messaging/known-devices';
import { RetryRequests } from '../messaging/retry-requests';
import { SeenMessages } from '../messaging/seen-messages';
import type { SentMessage } from '../messaging/types';
import { ProfileKeys } from '../profiles/profile-keys';
import { ApiRequestError, type RestClient } from '../rest';
import { KeyedQueue } from '../util/keyed-queue';
import { GroupState } from './group-state';
import { GroupsClient } from './groups-client';
import { type GroupMessageInfo, MessageInfoBook } from './message-info';
import { StorageSenderKeyStore } from './sender-key-store';

export interface GroupMessage {
  groupId: string;
  from: Address;
  messageId: bigint;
  serverTimestamp: number;
  text: string;
  sentAt: number;
  /** The number the sender's account has, as its message claims it (set when it sent with `number`). */
  senderNumber?: string;
  /** A timer message (no text): the group's disappearing timer is now this many seconds (0: off). */
  timerChange?: number;
  /** A disappearing message: when it is removed (Messenger.onExpired, with `chat` = the group id, tells the app). */
  expiresAt?: number;
}

type Outgoing = { text: string; sentAt: number; retryOf?: bigint } & EphemeralContent;

export interface GroupEvent {
  groupId: string;
  seq: number;
  type: string;
  actorAccountId: string;
  serverTimestamp: number;
  data: Record<string, unknown>;
}

type Answer = SendOkFrame | SendErrorFrame;
const MAX_ATTEMPTS = 6;
const RESEND_WINDOW_MS = 10 * 60_000;
const newId = () => randomBytes(8).readBigUInt64BE();
const deviceKey = (accountId: string, deviceId: number) => `${accountId}.${deviceId}`;
const owned = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

/**
 * A device's groups: the REST operations (`client`), and messages over the connection beside its Messenger (which
 * handles 1:1 messages and receipts; this class reads the receipts for message info).
 */
export class GroupMessenger {
  readonly client: GroupsClient;
  private readonly state: GroupState;
  private readonly senderKeys: StorageSenderKeyStore;
  private readonly known: KnownDevices;
  private readonly envelopes: Envelopes;
  private readonly seen: SeenMessages;
  private readonly retries: RetryRequests;
  private readonly infos = new MessageInfoBook();
  private readonly profileKeys: ProfileKeys;
  private readonly queues = new KeyedQueue();
  private readonly waiting = new Map<bigint, { frame: ClientFrame; settle(a: Answer): void }>();
  private readonly sentRecently: ({ at: number; serverTimestamp: number; id: bigint; groupId: string } & Outgoing)[] =
    [];
  private readonly listeners = {
    message: [] as ((m: GroupMessage) => void)[],
    event: [] as ((e: GroupEvent) => void)[],
    undecryptable: [] as ((d: GroupDeliverFrame, err: Error) => void)[],
  };
  private inbound: Promise<void> = Promise.resolve();
  private acks: number[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly crypto: DeviceCrypto,
    storage: Storage,
    rest: RestClient,
    private readonly messenger: Messenger,
    /** `number`: this account's, carried in every message with its profile key, as Messenger's 1:1 messages do. */
    private readonly options: { sendTimeoutMs?: number; number?: string } = {},
  ) {
    this.client = new GroupsClient(rest);
    this.profileKeys = new ProfileKeys(storage);
    this.state = new GroupState(storage);
    this.senderKeys = new StorageSenderKeyStore(storage);
    this.known = new KnownDevices(storage);
    this.envelopes = new Envelopes(crypto, this.known);
    this.seen = new SeenMessages(storage);
    this.retries = new RetryRequests(storage);
    connection.onFrame((f) => this.onFrame(f));
    connection.onOpen(() => {
      for (const { frame } of this.waiting.values()) connection.send(frame);
    });
    messenger.onReceipt((r) => void this.infos.receipt(r));
  }

  onMessage(l: (m: GroupMessage) => void): void {
    this.listeners.message.push(l);
  }
  /** A change of a group (created, members_added, member_removed, ...), once each, in order. */
  onEvent(l: (e: GroupEvent) => void): void {
    this.listeners.event.push(l);
  }
  onUndecryptable(l: (d: GroupDeliverFrame, err: Error) => void): void {
    this.listeners.undecryptable.push(l);
  }

  /** Delivered / read per member for a message this device sent (while this process runs). */
  messageInfo(id: bigint): GroupMessageInfo | undefined {
    return this.infos.info(id);
  }

  /** Blue ticks for group messages of `sender` (they go to the sender's devices, as 1:1 read receipts do). */
  markRead(sender: string, messageIds: bigint[]): Promise<void> {
    return this.messenger.markRead(sender, messageIds);
  }

  /**
   * Sends a text to the group and settles at ✓, SendRefusedError (403: not a member, or only admins send), or
   * SendTimeoutError. Device lists are corrected from 409/410 and the send retried, as for 1:1.
   */
  sendText(groupId: string, text: string, options: { timeoutMs?: number } = {}): Promise<SentMessage> {
    return this.send(groupId, { text, ...this.messenger.ephemeral.outgoing(groupId) }, options);
  }

  /**
   * Sets the group's disappearing timer (seconds, 0 = off) with a timer message every member device sees as a
   * GroupMessage with `timerChange`; from its ✓ on, every message into the group carries the timer, from any member.
   * The same machinery as a 1:1 chat's (Messenger.setDisappearingTimer), with the group id as the chat.
   */
  setDisappearingTimer(groupId: string, seconds: number, options: { timeoutMs?: number } = {}): Promise<SentMessage> {
    if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError('the timer is a whole number of seconds ≥ 0');
    return this.send(groupId, { text: '', setsTimer: true, expireTimer: seconds }, options);
  }

  /** The group's disappearing timer in seconds (0: off). */
  disappearingTimer(groupId: string): number {
    return this.messenger.ephemeral.timer(groupId);
  }

  private send(
    groupId: string,
    content: Omit<Outgoing, 'sentAt'>,
    options: { timeoutMs?: number },
  ): Promise<SentMessage> {
    const sentAt = Date.now();
    const deadline = sentAt + (options.timeoutMs ?? this.options.sendTimeoutMs ?? 60_000);
    return this.queues.run(groupId, () => this.deliver(groupId, newId(), { ...content, sentAt }, deadline));
  }

  private async deliver(groupId: string, id: bigint, content: Outgoing, deadline: number): Promise<SentMessage> {
    // The device list goes as a digest (the upload is then about the ciphertext alone); after a refusal, in full, so
    // the server's answer names what is wrong.
    let full = false;
    for (let attempt = 1; ; attempt++) {
      const plaintext = encodeContent({ ...content, ...this.sender() });
      const expiresInS = this.messenger.ephemeral.serverExpiry(content);
      const built = await untilDeadline(id, deadline, () => this.build(groupId, id, plaintext, full, expiresInS));
      if (!built.frame) {
        // Nobody else in the group: nothing to send, but a timer message or a disappearing one still counts here.
        const serverTimestamp = Date.now();
        this.messenger.ephemeral.sent(groupId, this.crypto.address.accountId, id, content, serverTimestamp);
        return { id, serverTimestamp };
      }
      this.infos.track(id, groupId, built.members);
      const answer = await this.request(built.frame, deadline);
      if (answer.t === 'send_ok') {
        this.state.share(groupId, built.distributedTo);
        const { retryOf, ...original } = content;
        this.remember({ ...original, id: retryOf ?? id, groupId }, answer);
        const self = this.crypto.address.accountId;
        this.messenger.ephemeral.sent(groupId, self, retryOf ?? id, content, answer.serverTimestamp);
        return { id, serverTimestamp: answer.serverTimestamp };
      }
      if (attempt >= MAX_ATTEMPTS || !(await this.correct(groupId, answer))) {
        this.infos.forget(id);
        throw new SendRefusedError(answer.code, answer.message);
      }
      full = true;
      if (answer.code >= 500) await sleepUntil(id, deadline, 100 * 2 ** attempt);
    }
  }

  /** Who wrote, for the members to show (the number) and to open this account's profile (its key). */
  private sender(): { sender?: { number: string; profileKey: Uint8Array } } {
    const number = this.options.number;
    return number ? { sender: { number, profileKey: this.profileKeys.own() } } : {};
  }

  /** The frame for every member device, with this device's sender key for the devices that do not have it yet. */
  private async build(groupId: string, id: bigint, plaintext: Uint8Array, full: boolean, expiresInS?: number) {
    const me = this.crypto.address;
    const self = ProtocolAddress.new(me.accountId, me.deviceId);
    const members = await this.members(groupId);
    const distributionId = this.state.distributionId(groupId);
    const shared = this.state.shared(groupId);
    if (!(await this.senderKeys.getSenderKey(self, distributionId)))
      await SenderKeyDistributionMessage.create(self, distributionId, this.senderKeys);
    let skdm: Uint8Array | undefined;
    const distributedTo: string[] = [];
    const recipients: GroupSendFrame['members'] = [];
    for (const accountId of members) {
      const known = this.known.get(accountId) ?? (accountId === me.accountId ? [] : [1]);
      const deviceIds = known.filter((d) => !(accountId === me.accountId && d === me.deviceId));
      if (!deviceIds.length) continue;
      await this.crypto.ensureSessions(accountId, deviceIds);
      const devices: GroupSendFrame['members'][number]['devices'] = [];
      for (const deviceId of deviceIds) {
        const record = await this.crypto.stores.sessions.getSession(ProtocolAddress.new(accountId, deviceId));
        if (!record?.hasCurrentState()) continue; // no keys on the server: a 409 says so if it matters
        const device = { deviceId, registrationId: record.remoteRegistrationId() };
        if (shared.has(deviceKey(accountId, deviceId))) {
          devices.push(device);
          continue;
        }
        skdm ??= (await SenderKeyDistributionMessage.create(self, distributionId, this.senderKeys)).serialize();
        const { type, body } = await this.crypto.encrypt({ accountId, deviceId }, skdm);
        devices.push({ ...device, distribution: { type: type as EnvelopeTypeCode, ciphertext: body } });
        distributedTo.push(deviceKey(accountId, deviceId));
      }
      if (devices.length) recipients.push({ accountId, devices });
    }
    const others = members.filter((m) => m !== me.accountId);
    if (!recipients.length) return { frame: undefined, distributedTo, members: others };
    const message = await groupEncrypt(self, distributionId, this.senderKeys, owned(plaintext));
    const all = recipients.flatMap((m) => m.devices.map((d) => ({ accountId: m.accountId, ...d })));
    const frame: GroupSendFrame = {
      t: 'group_send',
      id,
      groupId,
      ciphertext: message.serialize(),
      ...(full
        ? { members: recipients }
        : {
            devicesDigest: devicesDigest(all),
            members: recipients
              .map((m) => ({ accountId: m.accountId, devices: m.devices.filter((d) => d.distribution) }))
              .filter((m) => m.devices.length),
          }),
      ...(expiresInS && { expiresInS }),
    };
    return { frame, distributedTo, members: others };
  }

  private async members(groupId: string): Promise<string[]> {
    const cached = this.state.members(groupId);
    if (cached) return cached;
    return this.refreshMembers(groupId);
  }

  /** The member list from the server; not being a member (any more) refuses the send as the server would. */
  private async refreshMembers(groupId: string): Promise<string[]> {
    const info = await this.client.get(groupId).catch((err: unknown) => {
      if (err instanceof ApiRequestError && (err.status === 403 || err.status === 404))
        throw new SendRefusedError(err.status, err.details ?? err.message);
      throw err;
    });
    const members = info.members.map((m) => m.account_id);
    this.state.setMembers(groupId, members);
    return members;
  }

  /**
   * Applies a refusal; false when retrying cannot help. A device that is gone (extra) or re-registered (stale) may
   * hold the current sender key: the key is rotated, as when a member leaves. An account named wrongly means the
   * member list is out of date: it is read again.
   */
  private async correct(groupId: string, answer: SendErrorFrame): Promise<boolean> {
    if (answer.code === ErrorCode.MismatchedDevices || answer.code === ErrorCode.StaleDevices) {
      const members = new Set(this.state.members(groupId) ?? []);
      let rotate = false;
      let refresh = false;
      for (const m of answer.mismatches) {
        this.known.correct(m.accountId, m.missing, m.extra);
        this.crypto.deleteSessions(m.accountId, [...m.extra, ...m.stale]);
        if (m.extra.length || m.stale.length) rotate = true;
        if (!members.has(m.accountId) || missesAll(m, this.known.get(m.accountId))) refresh = true;
      }
      if (rotate) this.state.rotate(groupId);
      if (refresh || answer.mismatches.some((m) => m.extra.length && !m.missing.length))
        await this.refreshMembers(groupId);
      return true;
    }
    return answer.code === ErrorCode.Unavailable || answer.code === ErrorCode.Internal;
  }

  private request(frame: ClientFrame & { id: bigint }, deadline: number): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(frame.id);
        reject(new SendTimeoutError(frame.id));
      }, deadline - Date.now());
      this.waiting.set(frame.id, {
        frame,
        settle: (answer) => {
          clearTimeout(timer);
          this.waiting.delete(frame.id);
          resolve(answer);
        },
      });
      this.connection.send(frame);
    });
  }

  private onFrame(f: ServerFrame): void {
    switch (f.t) {
      case 'group_deliver':
        this.inOrder(() => this.receive(f));
        return;
      case 'group_event':
        this.inOrder(() => this.applyEvent(f));
        return;
      case 'deliver':
        // Messenger acks it; a retry request about a group message is this class's to answer.
        if (f.type === EnvelopeType.Plaintext) void this.retryRequested(f).catch(() => undefined); // malformed or not ours: nothing to do
        return;
      case 'send_ok':
      case 'send_error':
        this.waiting.get(f.id)?.settle(f);
        return;
      default:
        return;
    }
  }

  private inOrder(fn: () => Promise<void>): void {
    this.inbound = this.inbound.then(fn).catch(() => undefined);
  }

  private async receive(d: GroupDeliverFrame): Promise<void> {
    const message = await this.take(d);
    this.ack(d.guid);
    if (message) for (const l of this.listeners.message) l(message);
  }

  private async take(d: GroupDeliverFrame): Promise<GroupMessage | undefined> {
    if (this.seen.has(d.senderAccountId, d.messageId)) return undefined;
    const from = { accountId: d.senderAccountId, deviceId: d.senderDeviceId };
    const sender = ProtocolAddress.new(from.accountId, from.deviceId);
    let message: GroupMessage;
    try {
      if (d.distribution) {
        const skdm = await this.crypto.decrypt(from, d.distribution.type, d.distribution.ciphertext);
        const distribution = SenderKeyDistributionMessage.deserialize(owned(skdm));
        await processSenderKeyDistributionMessage(sender, distribution, this.senderKeys);
      }
      const content = decodeContent(await groupDecrypt(sender, this.senderKeys, owned(d.ciphertext)));
      if (content.retryOf !== undefined && !this.retries.answered(d.senderAccountId, content.retryOf)) {
        this.seen.add(d.senderAccountId, d.messageId); // this device showed the first copy
        return undefined;
      }
      if (content.sender && d.senderAccountId !== this.crypto.address.accountId)
        this.profileKeys.learn(d.senderAccountId, content.sender);
      const messageId = content.retryOf ?? d.messageId;
      const arrival = this.messenger.ephemeral.arrived(
        d.groupId,
        from.accountId,
        messageId,
        d.serverTimestamp,
        content,
      );
      if (arrival === 'due') {
        this.seen.add(d.senderAccountId, d.messageId); // it disappeared before it arrived: acknowledged, never shown
        return undefined;
      }
      message = {
        ...(content.sender && { senderNumber: content.sender.number }),
        groupId: d.groupId,
        from,
        messageId,
        serverTimestamp: d.serverTimestamp,
        text: content.text,
        sentAt: content.sentAt,
        ...arrival,
      };
    } catch (err) {
      for (const l of this.listeners.undecryptable) l(d, err as Error);
      this.seen.add(d.senderAccountId, d.messageId);
      this.retries.asked(d.senderAccountId, d.messageId);
      void this.askForRetry(d).catch(() => undefined); // best effort: the failure is already reported
      return undefined;
    }
    this.seen.add(d.senderAccountId, d.messageId);
    return message;
  }

  // Signal's retry request, as Messenger sends it for 1:1: a DecryptionErrorMessage in a plaintext envelope.
  private async askForRetry(d: GroupDeliverFrame): Promise<void> {
    const type = CiphertextMessageType.SenderKey;
    const error = DecryptionErrorMessage.forOriginal(owned(d.ciphertext), type, d.serverTimestamp, d.senderDeviceId);
    const body = PlaintextContent.from(error).serialize();
    const id = newId();
    const deadline = Date.now() + (this.options.sendTimeoutMs ?? 60_000);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const frame = await this.envelopes.frame(id, d.senderAccountId, () => body, true);
      const answer = await this.request(frame, deadline);
      if (answer.t === 'send_ok') return;
      if (answer.code !== ErrorCode.MismatchedDevices && answer.code !== ErrorCode.StaleDevices) return;
      for (const m of answer.mismatches) this.known.correct(m.accountId, m.missing, m.extra);
    }
  }

  /**
   * The sender's side: the device that asked gets a new pairwise session and this device's sender key again, and the
   * message goes out again under a new id naming the first (devices that showed it drop the copy).
   */
  private async retryRequested(d: DeliverFrame): Promise<void> {
    const body = PlaintextContent.deserialize(owned(d.ciphertext)).body();
    const request = DecryptionErrorMessage.extractFromSerializedBody(body);
    if (request.deviceId() !== this.crypto.address.deviceId) return;
    const since = Date.now() - RESEND_WINDOW_MS;
    const original = this.sentRecently.find((s) => s.serverTimestamp === request.timestamp() && s.at >= since);
    if (!original) return;
    this.crypto.deleteSessions(d.senderAccountId, [d.senderDeviceId]);
    this.state.unshare(original.groupId, [deviceKey(d.senderAccountId, d.senderDeviceId)]);
    const deadline = Date.now() + (this.options.sendTimeoutMs ?? 60_000);
    const { at: _at, serverTimestamp: _ts, id: retryOf, groupId: _g, ...resent } = original;
    const content = { ...resent, retryOf };
    await this.queues.run(original.groupId, () => this.deliver(original.groupId, newId(), content, deadline));
  }

  private remember(m: { id: bigint; groupId: string } & Outgoing, ok: SendOkFrame): void {
    const now = Date.now();
    this.sentRecently.push({ ...m, at: now, serverTimestamp: ok.serverTimestamp });
    while (this.sentRecently.length > 1000 || (this.sentRecently[0]?.at ?? now) < now - RESEND_WINDOW_MS)
      this.sentRecently.shift();
  }

  private async applyEvent(f: GroupEventFrame): Promise<void> {
    if (f.seq > this.state.lastSeq(f.groupId)) {
      const { type, ...data } = JSON.parse(new TextDecoder().decode(f.event)) as { type: string } & Record<
        string,
        unknown
      >;
      this.membership(f.groupId, type, data);
      this.state.setLastSeq(f.groupId, f.seq);
      const event = {
        groupId: f.groupId,
        seq: f.seq,
        type,
        actorAccountId: f.actorAccountId,
        serverTimestamp: f.serverTimestamp,
        data,
      };
      for (const l of this.listeners.event) l(event);
    }
    this.ack(f.guid);
  }

  /**
   * Sets a group's members from outside its events: a status list has none (docs/groups.md "Status"). Anyone gone
   * rotates this device's sender key, as a member leaving does.
   */
  setMembers(groupId: string, accountIds: string[]): void {
    if (this.state.members(groupId)?.some((a) => !accountIds.includes(a))) this.state.rotate(groupId);
    this.state.setMembers(groupId, accountIds);
  }

  /** Keeps the member list current; someone leaving rotates this device's sender key (they had it). */
  private membership(groupId: string, type: string, data: Record<string, unknown>): void {
    const me = this.crypto.address.accountId;
    const current = this.state.members(groupId);
    const one = data.account_id as string | undefined;
    if (type === 'created') {
      this.state.setMembers(
        groupId,
        (data.members as { account_id: string }[]).map((m) => m.account_id),
      );
    } else if (type === 'members_added' && current) {
      this.state.setMembers(groupId, [...current, ...(data.account_ids as string[])]);
    } else if ((type === 'member_joined' || type === 'join_approved') && current && one) {
      this.state.setMembers(groupId, [...current, one]);
    } else if (type === 'member_removed' || type === 'member_left') {
      if (one === me) {
        this.state.forget(groupId);
        return;
      }
      if (current)
        this.state.setMembers(
          groupId,
          current.filter((a) => a !== one),
        );
      this.state.rotate(groupId);
    }
  }

  private ack(guid: number): void {
    if (this.acks.push(guid) > 1) return;
    setImmediate(() => {
      const guids = this.acks.splice(0, this.acks.length);
      for (let i = 0; i < guids.length; i += 1024) this.connection.send({ t: 'ack', guids: guids.slice(i, i + 1024) });
    });
  }
}

/** A 409 that names devices of an account this device does not know at all: its member list is likely stale. */
function missesAll(m: DeviceMismatch, known: number[] | undefined): boolean {
  return m.missing.length > 0 && (known ?? []).length === m.missing.length;
}
