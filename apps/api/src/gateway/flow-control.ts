import { FrameType } from '@switchboard/protocol';
import type { WebSocket } from 'ws';
import { type Rate, TokenBucket } from './token-bucket';

// Output this far behind stops reading the device's socket until it drains: a device's frames mostly ask for an
// answer (pong, send_ok, receipts), and one that floods without reading would otherwise grow our send queue without
// bound. Small write chunks cost far more memory than their bytes (a 4-byte pong holds a few hundred bytes of queue
// entry), so frames are counted as well as bytes.
const PAUSE_BYTES = 256 * 1024;
const PAUSE_FRAMES = 512;
// A device still this far behind is closed (1013) rather than buffered: it reconnects and reads its backlog at its own
// pace. Pushes from other devices keep coming while reading is paused, so the queue can still grow up to here.
export const MAX_QUEUED_BYTES = 8 * 1024 * 1024;
export const MAX_QUEUED_FRAMES = 4_096;
// Frames that wait on storage (sends, read receipts, acks) being worked on at once for one connection; past it, its
// socket is not read and what was read already waits (see `busy`) until one is answered. This keeps one device's
// flood to a fair share of the shared storage batches and bounds what its pending work holds in memory; a normal
// client has a few in flight.
const MAX_PENDING = 16;

/** Whether a client frame is one that is stored (its first byte is its type): sends and read receipts. */
export const isStoredFrame = (frame: Buffer): boolean =>
  frame[0] === FrameType.Send || frame[0] === FrameType.ReadReceipt || frame[0] === FrameType.GroupSend;

/** The budgets of one connection: all frames, and the frames that are stored (sends, group sends, read receipts). */
export interface FrameRates {
  frames: Rate;
  stored: Rate;
}

/**
 * One connection's flow control: token buckets on the frames the device sends, a cap on its frames waiting for
 * storage, and backpressure from what is queued for it. Each pauses reading the socket (TCP then pushes back on the
 * device); reading resumes when all three allow.
 */
export class FlowControl {
  // Made at the device's first frame: an idle connection (most of a node's) never needs them.
  private frames?: TokenBucket;
  private stored?: TokenBucket;
  private queuedFrames = 0;
  private overBudget = false;
  private pending = 0;
  private refused = 0;
  private backedUp = false;
  private refill?: NodeJS.Timeout;
  // ws calls this once the frame is handed to the kernel: the queue has shrunk. Made at the first write.
  private written?: () => void;

  constructor(
    private readonly socket: WebSocket,
    private readonly rates: FrameRates,
    /** Told when storage work is answered while `busy`: it goes on with the frames it held. */
    private readonly owner: { onRoom(): void },
  ) {}

  /**
   * Takes the tokens one frame from the device needs (its first byte says whether it is stored): `ok`, or `refuse`
   * when a budget is spent (reading pauses until it refills), or `close` when the device went on sending more than a
   * whole burst past its budget before it had its burst back — a flood, not a busy client.
   */
  admit(frame: Buffer): 'ok' | 'refuse' | 'close' {
    const stores = isStoredFrame(frame);
    this.frames ??= new TokenBucket(this.rates.frames);
    this.stored ??= new TokenBucket(this.rates.stored);
    const { frames, stored } = this;
    if (this.refused && frames.full && stored.full) this.refused = 0;
    const empty = !frames.take() ? frames : stores && !stored.take() ? stored : undefined;
    if (!empty) return 'ok';
    if (++this.refused > this.rates.frames.burst) return 'close';
    if (!this.overBudget) {
      this.overBudget = true;
      this.socket.pause();
      // Frames already read from the socket are still coming; they are refused until this fires.
      this.refill = setTimeout(() => {
        this.overBudget = false;
        this.resumeIfAllowed();
      }, empty.msToNext);
    }
    return 'refuse';
  }
  /** Milliseconds until both budgets are whole again: how long a device closed for flooding is kept out. */
  get msToFull(): number {
    return Math.max(this.frames?.msToFull ?? 0, this.stored?.msToFull ?? 0);
  }

  /** Whether the queue is past its hard cap: the caller closes the connection instead of writing. */
  get overflowing(): boolean {
    return this.socket.bufferedAmount > MAX_QUEUED_BYTES || this.queuedFrames > MAX_QUEUED_FRAMES;
  }

  /** Queues one frame; past the pause thresholds, stops reading until the socket drains. */
  send(data: Uint8Array): void {
    this.queuedFrames++;
    this.written ??= () => {
      this.queuedFrames--;
      if (this.backedUp && this.queuedFrames <= PAUSE_FRAMES / 2 && this.socket.bufferedAmount <= PAUSE_BYTES / 2) {
        this.backedUp = false;
        this.resumeIfAllowed();
      }
    };
    this.socket.send(data, this.written);
    if (!this.backedUp && (this.socket.bufferedAmount > PAUSE_BYTES || this.queuedFrames > PAUSE_FRAMES)) {
      this.backedUp = true;
      this.socket.pause();
    }
  }

  /**
   * Whether the connection has as much storage work pending as it may: the frames the socket still delivers (ws
   * parses the rest of a chunk already read) must be held, in order, until `onRoom`.
   */
  get busy(): boolean {
    return this.pending >= MAX_PENDING;
  }

  /** A frame starts storage work; at MAX_PENDING, reading pauses until it is `settled`. */
  began(): void {
    if (++this.pending === MAX_PENDING) this.socket.pause();
  }

  settled(): void {
    if (this.pending-- === MAX_PENDING) this.owner.onRoom();
  }

  /** The caller has no frame held any more: reading may go on if nothing else holds it back. */
  resumeIfAllowed(): void {
    if (this.overBudget || this.backedUp || this.pending >= MAX_PENDING) return;
    if (this.socket.readyState === this.socket.OPEN) this.socket.resume();
  }

  stop(): void {
    clearTimeout(this.refill);
  }
}
