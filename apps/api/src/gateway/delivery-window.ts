const ACKED_MEMORY_MS = 30_000; // how long an acked guid is remembered, to drop a late duplicate push of it

/**
 * What one connection has delivered: guids sent and not yet acked (with the account each ack owes a delivery receipt
 * to), and guids acked lately. It makes every guid go out once per connection — a push racing the backlog read, or
 * arriving after its ack, is recognised — and bounds how much unacked backlog is in flight. Most connections sit idle
 * most of the time, so its maps exist only while there is something in them (a node holds hundreds of thousands).
 */
export class DeliveryWindow {
  private inFlight?: Map<number, string | null>;
  private acked?: Set<number>;
  private ackedBefore?: Set<number>;
  private ackedSince = 0;
  private ackedBeforeUntil = 0;
  private waiting?: () => void;
  private room = 0;

  constructor(private size: number) {}

  /** Whether `guid` went out on this connection already (acked or not). */
  has(guid: number): boolean {
    this.tidy();
    return !!(this.inFlight?.has(guid) || this.acked?.has(guid) || this.ackedBefore?.has(guid));
  }

  sent(guid: number, receiptTo: string | null): void {
    this.inFlight ??= new Map();
    this.inFlight.set(guid, receiptTo);
  }

  /** Records acks; returns, per guid, the account owed a receipt (null: none; undefined: not delivered here). */
  acknowledge(guids: number[]): (string | null | undefined)[] {
    this.tidy();
    const owed = guids.map((g) => this.inFlight?.get(g));
    if (!this.acked) {
      this.acked = new Set();
      this.ackedSince = Date.now();
    }
    for (const g of guids) {
      this.inFlight?.delete(g);
      this.acked.add(g);
    }
    if (this.inFlight?.size === 0) this.inFlight = undefined;
    if (this.waiting && this.inFlightCount <= this.size - this.room) this.waiting();
    return owed;
  }

  /** Resolves when at least `room` more deliveries fit in the window (or at once after `release`). */
  whenRoomFor(room: number): Promise<void> {
    this.room = room;
    if (this.inFlightCount <= this.size - room) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting = () => {
        this.waiting = undefined;
        resolve();
      };
    });
  }

  /** The connection is gone: stop anyone waiting. */
  release(): void {
    this.size = Number.POSITIVE_INFINITY;
    this.waiting?.();
  }

  private get inFlightCount(): number {
    return this.inFlight?.size ?? 0;
  }

  /**
   * Two generations of acked guids, each remembered 30-60 s: the older set goes when its time is up, the newer one
   * becomes the older after 30 s. Also called on the keep-alive tick, so an idle connection ends up keeping none.
   */
  tidy(): void {
    const now = Date.now();
    if (this.ackedBefore && now > this.ackedBeforeUntil) this.ackedBefore = undefined;
    if (this.acked && now - this.ackedSince > ACKED_MEMORY_MS) {
      this.ackedBefore = this.acked;
      this.ackedBeforeUntil = now + ACKED_MEMORY_MS;
      this.acked = undefined;
    }
  }
}
