const ACKED_MEMORY_MS = 30_000; // how long an acked guid is remembered, to drop a late duplicate push of it

/**
 * What one connection has delivered: guids sent and not yet acked (with the account each ack owes a delivery receipt
 * to), and guids acked lately. It makes every guid go out once per connection — a push racing the backlog read, or
 * arriving after its ack, is recognised — and bounds how much unacked backlog is in flight.
 */
export class DeliveryWindow {
  private readonly inFlight = new Map<number, string | null>();
  private acked = [new Set<number>(), new Set<number>()];
  private ackedSince = Date.now();
  private waiting?: () => void;
  private room = 0;

  constructor(private size: number) {}

  /** Whether `guid` went out on this connection already (acked or not). */
  has(guid: number): boolean {
    return this.inFlight.has(guid) || this.acked[0]!.has(guid) || this.acked[1]!.has(guid);
  }

  sent(guid: number, receiptTo: string | null): void {
    this.inFlight.set(guid, receiptTo);
  }

  /** Records acks; returns, per guid, the account owed a receipt (null: none; undefined: not delivered here). */
  acknowledge(guids: number[]): (string | null | undefined)[] {
    const now = Date.now();
    if (now - this.ackedSince > ACKED_MEMORY_MS) {
      this.acked = [new Set(), this.acked[0]!]; // two generations: each guid is remembered 30-60 s
      this.ackedSince = now;
    }
    const owed = guids.map((g) => this.inFlight.get(g));
    for (const g of guids) {
      this.inFlight.delete(g);
      this.acked[0]!.add(g);
    }
    if (this.waiting && this.inFlight.size <= this.size - this.room) this.waiting();
    return owed;
  }

  /** Resolves when at least `room` more deliveries fit in the window (or at once after `release`). */
  whenRoomFor(room: number): Promise<void> {
    this.room = room;
    if (this.inFlight.size <= this.size - room) return Promise.resolve();
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
}
