import type { Storage } from '../crypto/storage';

const PREFIX = 'ephemeral:due:';

/** A disappearing message this device holds, sent or received: `from` wrote it into `chat`. */
export interface Expiring {
  chat: string;
  from: string;
  messageId: bigint;
  /** Milliseconds since the epoch: the message's server time plus the chat's timer. */
  expiresAt: number;
}

const key = (e: Pick<Expiring, 'from' | 'messageId'>) => `${PREFIX}${e.from}:${e.messageId}`;

/**
 * When this device's disappearing messages are due. Kept in the device's storage, so a message that came due while
 * the app was not running is removed at the next start; one timer, set for the nearest, fires everything due.
 */
export class Expiry {
  private timer: NodeJS.Timeout | undefined;
  private nextAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly storage: Storage,
    private readonly expire: (e: Expiring) => void,
  ) {
    this.arm(Math.min(...this.all().map((e) => e.expiresAt)));
  }

  schedule(e: Expiring): void {
    this.storage.set(key(e), JSON.stringify({ ...e, messageId: String(e.messageId) }));
    this.arm(e.expiresAt);
  }

  /** Stops the timer (the device's state stays; a new Expiry over the same storage takes over). */
  stop(): void {
    clearTimeout(this.timer);
    this.nextAt = Number.POSITIVE_INFINITY;
  }

  private arm(at: number): void {
    if (!Number.isFinite(at) || at >= this.nextAt) return;
    clearTimeout(this.timer);
    this.nextAt = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - Date.now()));
    this.timer.unref(); // a due message never keeps the app alive; the next start removes it
  }

  private fire(): void {
    this.nextAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    const due = this.all();
    for (const e of due.filter((d) => d.expiresAt <= now)) {
      this.storage.delete(key(e));
      this.expire(e);
    }
    this.arm(Math.min(...due.filter((d) => d.expiresAt > now).map((d) => d.expiresAt)));
  }

  private all(): Expiring[] {
    return this.storage.keys(PREFIX).map((k) => {
      const e = JSON.parse(this.storage.get(k)!) as Expiring & { messageId: string };
      return { ...e, messageId: BigInt(e.messageId) };
    });
  }
}
