import type { DeliverFrame, SendFrame } from '@switchboard/protocol';
import type { TestDevice } from './fixtures';
import { RawDevice } from './raw-device';

/**
 * A raw device that behaves like a real client across failures: it reconnects (to the next URL in its list) when its
 * connection dies, resends every send not yet confirmed with ✓ under the same id, acks what it gets, and counts each
 * message id once. Raw repeats (a delivery whose ack died with a node) are counted separately.
 */
export class ResilientDevice {
  conn?: RawDevice;
  readonly received = new Map<bigint, DeliverFrame>();
  rawRepeats = 0;
  readonly unconfirmed = new Map<bigint, SendFrame>();
  confirmed = 0;
  reconnects = 0;
  /** False: deliveries are taken (and counted) but not acked, as by a device that dies before its ack goes out. */
  acking = true;
  readonly errors: string[] = [];
  private stopped = false;
  private urlIndex = 0;
  private seenFrames = 0;

  constructor(
    readonly device: TestDevice,
    private readonly urls: () => string[],
  ) {}

  async start(preferred = 0): Promise<void> {
    this.urlIndex = preferred;
    await this.connect();
  }

  private async connect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      const urls = this.urls();
      const url = urls[this.urlIndex % urls.length]!;
      try {
        const conn = await RawDevice.connect(url, this.device);
        this.conn = conn;
        this.seenFrames = 0;
        conn.socket.on('message', () => this.drainFrames(conn));
        conn.closed.then(() => {
          if (this.stopped || this.conn !== conn) return;
          this.reconnects++;
          this.urlIndex++;
          void this.connect();
        });
        for (const f of this.unconfirmed.values()) conn.send(f);
        return;
      } catch {
        this.urlIndex++;
        await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 500)));
      }
    }
  }

  private drainFrames(conn: RawDevice): void {
    for (; this.seenFrames < conn.frames.length; this.seenFrames++) {
      const f = conn.frames[this.seenFrames]!;
      if (f.t === 'deliver') {
        if (this.received.has(f.messageId)) this.rawRepeats++;
        else this.received.set(f.messageId, f);
        if (this.acking) conn.ack([f.guid]);
      } else if (f.t === 'receipt') {
        conn.ack([f.guid]);
      } else if (f.t === 'send_ok' && this.unconfirmed.delete(f.id)) {
        this.confirmed++;
      } else if (f.t === 'send_error') {
        // As a real client: a refused send is retried later (these tests send valid device sets, so only 5xx).
        this.errors.push(`${f.code} ${f.message}`);
        const frame = this.unconfirmed.get(f.id);
        if (frame) setTimeout(() => this.conn?.open && this.conn.send(frame), 200);
      }
    }
  }

  send(frame: SendFrame): void {
    this.unconfirmed.set(frame.id, frame);
    if (this.conn?.open) this.conn.send(frame);
  }

  stop(): void {
    this.stopped = true;
    this.conn?.terminate();
  }
}
