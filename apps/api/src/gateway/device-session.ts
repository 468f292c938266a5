import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Logger } from '@nestjs/common';
import type { GroupSendService } from '@switchboard/core/groups/group-send.service';
import { frameFor } from '@switchboard/core/messaging/mailbox/envelope-frames';
import type { MailboxService } from '@switchboard/core/messaging/mailbox/mailbox.service';
import type { DeviceRef } from '@switchboard/core/messaging/mailbox/mailbox.types';
import type { ReceiptService } from '@switchboard/core/messaging/receipts/receipt.service';
import type { SendService } from '@switchboard/core/messaging/send/send.service';
import {
  type ClientFrame,
  decodeClientFrame,
  deliverSenderOf,
  ErrorCode,
  encodeFrame,
  ProtocolError,
  type ServerFrame,
} from '@switchboard/protocol';
import type { WebSocket } from 'ws';
import { CloseCode } from './close-codes';
import { DeliveryWindow } from './delivery-window';
import type { FloodCooldown } from './flood-cooldown';
import { FlowControl, type FrameRates, isStoredFrame } from './flow-control';
import type { PresenceHub, PresencePeer } from './presence-hub';
import { TokenBucket } from './token-bucket';

export interface SessionDeps {
  send: SendService;
  receipts: ReceiptService;
  mailbox: MailboxService;
  groupSend: GroupSendService;
  log: Logger;
  frameRates: FrameRates;
  presence: PresenceHub;
  floodCooldown: FloodCooldown;
}

const PAGE = 200; // backlog rows per query
const WINDOW = 600; // deliveries awaiting an ack before the backlog pauses (memory bound for huge backlogs)
const BUFFER_CAP = 2_000; // live pushes held while the backlog drains; past it, the next drain pass re-reads them
const ABUSE_CLOSE_GRACE_MS = 1_000;
// Typing is sent every few seconds while someone types; watch lists change when a chat list is opened. Past these,
// typing frames are dropped and subscriptions refused (429): neither is stored, so nothing is lost.
const TYPING_RATE = { perSecond: 2, burst: 6 };
const SUBSCRIBE_RATE = { perSecond: 0.5, burst: 5 };
// Nothing waiting to be stored yet: one settled promise shared by every connection's `ordered` chain.
const SETTLED: Promise<void> = Promise.resolve();

// The socket's listeners are shared functions that find their session on the socket, not closures made per
// connection: a node holds hundreds of thousands of idle connections, and each closure (with its context) costs bytes
// on every one of them.
const SESSION = Symbol('session');
type SessionSocket = WebSocket & { [SESSION]: DeviceSession };
function onSocketMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
  (this as SessionSocket)[SESSION].received(data, isBinary);
}
function onSocketPong(this: WebSocket): void {
  (this as SessionSocket)[SESSION].alive = true;
}

/**
 * One device's connection. It delivers the backlog in guid order, then QueueEmpty, then live pushes; every guid is
 * sent once per connection (pushes that race the backlog read are recognised and dropped). Frames from the device are
 * decoded here and handed to the messaging services; a malformed one gets an Error frame and the connection lives on.
 */
export class DeviceSession implements PresencePeer {
  /** Names this connection in the routing table (a newer connection of the device replaces it). */
  readonly id = randomBytes(9).toString('base64url');
  alive = true;
  private closed = false;
  private corked = false;
  private draining = false;
  private drainAgain = false;
  private buffer?: { guid: number; frame: Uint8Array }[];
  private overflowed = false;
  private readonly window = new DeliveryWindow(WINDOW);
  // Sends and read receipts are checked concurrently but queued for storage in arrival order, so they are stored (and
  // delivered) in the order the device sent them; storing itself is batched and does not hold this chain.
  private ordered = SETTLED;
  private readonly flow: FlowControl;
  // Frames read while the connection had all the storage work it may have pending (at most the rest of one socket
  // read, as reading is paused then): handled in order as that work is answered.
  private held?: [Buffer, boolean][];
  // Made at the first typing or subscribe frame: most connections never send one.
  private typingBudget?: TokenBucket;
  private subscribeBudget?: TokenBucket;

  constructor(
    readonly device: DeviceRef,
    private readonly socket: WebSocket,
    private readonly deps: SessionDeps,
  ) {
    this.flow = new FlowControl(socket, deps.frameRates, this);
    (socket as SessionSocket)[SESSION] = this;
    socket.on('message', onSocketMessage);
    socket.on('pong', onSocketPong);
  }

  /** Delivers the backlog, then QueueEmpty. Call once the route points here. */
  start(): void {
    void this.drain(true);
  }

  /** After a gap in cross-node pushes (a Redis reconnect): re-read the backlog for anything pushed into the void. */
  resync(): Promise<void> {
    return this.drain(false);
  }

  /** A stored envelope's frame, pushed live. */
  push(guid: number, frame: Uint8Array): void {
    if (this.closed) return;
    if (!this.draining) {
      this.deliver(guid, frame);
      return;
    }
    this.buffer ??= [];
    if (this.buffer.length < BUFFER_CAP) this.buffer.push({ guid, frame });
    else this.overflowed = true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.window.release();
    this.flow.stop();
    this.socket.close(code, reason);
    // A flooder or a device that does not read would not answer the close either: ws would hold its socket and
    // buffers for 30 s. A moment to flush the close frame is enough.
    if (code === CloseCode.TooManyFrames || code === CloseCode.ReadingTooSlowly) {
      setTimeout(() => this.socket.terminate(), ABUSE_CLOSE_GRACE_MS).unref();
    }
  }

  /** Called when the socket has closed, however that happened. */
  ended(): void {
    this.closed = true;
    this.window.release();
    this.flow.stop();
  }

  /** An ephemeral frame (presence, typing): written if the connection is open, never stored or retried. */
  notify(frame: Uint8Array): void {
    if (!this.closed) this.write(frame);
  }

  ping(): void {
    this.alive = false;
    this.window.tidy();
    this.socket.ping();
  }

  private write(frame: ServerFrame | Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    // A device that reads slower than it is written to is closed rather than buffered without bound; it reconnects and
    // reads its backlog at its own pace (the backlog is windowed).
    if (this.flow.overflowing) {
      this.close(CloseCode.ReadingTooSlowly, 'reading too slowly');
      return;
    }
    this.cork();
    this.flow.send(frame instanceof Uint8Array ? frame : encodeFrame(frame));
  }

  // A stored batch resolves many sends at once, so several frames often go to one socket in the same tick: holding
  // the TCP socket corked until the tick ends sends them with one system call instead of one each (ws corks and
  // uncorks around every frame; Node counts corks, so the outer one holds).
  private cork(): void {
    const tcp = (this.socket as unknown as { _socket?: Socket })._socket;
    if (this.corked || !tcp) return;
    this.corked = true;
    tcp.cork();
    process.nextTick(() => {
      this.corked = false;
      tcp.uncork();
    });
  }

  private deliver(guid: number, frame: Uint8Array): void {
    if (this.window.has(guid)) return;
    // Noted now so the ack needs no lookup: a message from another account earns its sender a delivery receipt.
    const sender = deliverSenderOf(frame);
    this.window.sent(guid, sender && sender !== this.device.accountId ? sender : null);
    this.write(frame);
  }

  private async drain(first: boolean): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.drainAgain = false;
        this.overflowed = false;
        let after = 0;
        for (;;) {
          await this.window.whenRoomFor(PAGE);
          if (this.closed) return;
          const page = await this.deps.mailbox.backlogPage(this.device, after, PAGE);
          for (const p of page) this.deliver(p.guid, frameFor(p));
          if (page.length < PAGE) break;
          after = page.at(-1)!.guid;
        }
        const held = this.buffer ?? [];
        this.buffer = undefined;
        for (const h of held) this.deliver(h.guid, h.frame);
      } while ((this.drainAgain || this.overflowed) && !this.closed);
      this.draining = false;
      if (first) this.write({ t: 'queue_empty' });
    } catch (err) {
      // Postgres unavailable: drop the connection rather than pretend the queue is empty; the device reconnects.
      this.deps.log.warn(
        `backlog read failed for ${this.device.accountId}.${this.device.deviceId}: ${(err as Error).message}`,
      );
      this.close(1011, 'backlog unavailable');
    } finally {
      this.draining = false;
    }
  }

  /** A WebSocket message from the device. */
  received(data: Buffer, isBinary: boolean): void {
    if (this.closed) return; // closing (replaced, removed, shutting down): its frames no longer count
    this.alive = true;
    if (this.held?.length || this.flow.busy) {
      this.held ??= [];
      this.held.push([data, isBinary]);
    } else this.take(data, isBinary);
  }

  /** Room for more storage work (FlowControl calls it): handle held frames until busy again, then read on. */
  onRoom(): void {
    let next = this.held?.shift();
    for (; next && !this.closed; next = this.held?.shift()) {
      this.take(next[0], next[1]);
      if (this.flow.busy) return;
    }
    this.held = undefined;
    this.flow.resumeIfAllowed();
  }

  private take(data: Buffer, isBinary: boolean): void {
    const admitted = this.flow.admit(data);
    if (admitted !== 'ok') {
      if (admitted === 'close') {
        // Kept out until its budgets are whole again: reconnecting at once would only buy it fresh ones.
        this.deps.floodCooldown.hold(this.device, this.flow.msToFull);
        this.close(CloseCode.TooManyFrames, 'too many frames');
      } else this.refuse(data, isBinary);
      return;
    }
    if (!isBinary) {
      this.write({ t: 'error', code: ErrorCode.BadFrame, message: 'binary frames only' });
      return;
    }
    let frame: ClientFrame;
    try {
      frame = decodeClientFrame(data);
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      this.write({ t: 'error', code: ErrorCode.BadFrame, message: err.message });
      return;
    }
    this.handle(frame);
  }

  /**
   * A frame over the connection's budget, read before reading paused: a send or read receipt is answered 429 (the
   * client keeps it and sends it again later, as after any refusal); anything else is dropped unanswered — an ack
   * dropped only means the envelope comes again.
   */
  private refuse(data: Buffer, isBinary: boolean): void {
    // Only stored frames are answered: the rest of a flood's read is dropped by its first byte, never decoded.
    if (!isBinary || !isStoredFrame(data)) return;
    let frame: ClientFrame;
    try {
      frame = decodeClientFrame(data);
    } catch {
      return;
    }
    if (frame.t !== 'send' && frame.t !== 'read_receipt' && frame.t !== 'group_send') return;
    this.write({
      t: 'send_error',
      id: frame.id,
      code: ErrorCode.RateLimited,
      message: 'too many frames; retry later',
      mismatches: [],
    });
  }

  private handle(frame: ClientFrame): void {
    switch (frame.t) {
      case 'send':
        this.stored((reply) => this.deps.send.prepare(this.device, frame, reply));
        break;
      case 'read_receipt':
        this.stored((reply) => this.deps.receipts.prepareRead(this.device, frame, reply));
        break;
      case 'group_send':
        this.stored((reply) => this.deps.groupSend.prepare(this.device, frame, reply));
        break;
      case 'ack':
        this.ack(frame.guids);
        break;
      case 'presence_subscribe':
        this.subscribeBudget ??= new TokenBucket(SUBSCRIBE_RATE);
        if (!this.subscribeBudget.take()) {
          this.write({ t: 'error', code: ErrorCode.RateLimited, message: 'presence subscriptions too frequent' });
          break;
        }
        this.deps.presence.subscribe(this, frame.accountIds).catch(this.failed);
        break;
      case 'typing':
        this.typingBudget ??= new TokenBucket(TYPING_RATE);
        if (this.typingBudget.take()) this.deps.presence.typing(this, frame).catch(this.failed);
        break;
      case 'ping':
        this.write({ t: 'pong', nonce: frame.nonce });
        break;
      case 'pong':
        break;
    }
  }

  /** A send or read receipt: pending (for flow control) until its one answer, or until it fails unanswered. */
  private stored(prepare: (reply: (f: ServerFrame) => void) => Promise<() => void>): void {
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      this.flow.settled();
    };
    this.flow.began();
    const prepared = prepare((f) => {
      settle();
      this.write(f);
    });
    prepared.catch(() => undefined); // handled below, in turn; this only avoids an unhandled-rejection warning
    this.ordered = this.ordered
      .then(() => prepared.then((queue) => queue()))
      .catch((err) => {
        settle();
        this.failed(err);
      });
  }

  private ack(guids: number[]): void {
    const senders = this.window.acknowledge(guids);
    this.flow.began();
    this.deps.receipts
      .acknowledge(this.device, guids, senders)
      .catch((err) => {
        // Not deleted: the envelopes come again on the next connection. Tell the device so it does not wonder.
        this.deps.log.warn(`ack failed: ${(err as Error).message}`);
        this.write({ t: 'error', code: ErrorCode.Unavailable, message: 'ack not recorded; will redeliver' });
      })
      .finally(() => this.flow.settled());
  }

  private failed(err: unknown): void {
    this.deps.log.error(`frame handling failed: ${(err as Error).stack ?? String(err)}`);
    this.write({ t: 'error', code: ErrorCode.Internal, message: 'internal error' });
  }
}
