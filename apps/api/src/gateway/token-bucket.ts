export interface Rate {
  perSecond: number;
  burst: number;
}

/** `burst` tokens, refilled at `perSecond`; one per admitted unit. */
export class TokenBucket {
  private tokens: number;
  private refilledAt = performance.now();

  constructor(private readonly rate: Rate) {
    this.tokens = rate.burst;
  }

  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }

  /** Whether no token is spent (the client has been quiet long enough to have its whole burst back). */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.rate.burst;
  }

  /** Milliseconds until the whole burst is back. */
  get msToFull(): number {
    this.refill();
    return Math.ceil(((this.rate.burst - this.tokens) * 1000) / this.rate.perSecond);
  }

  /** Milliseconds until the next token. */
  get msToNext(): number {
    return Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.rate.perSecond));
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.rate.perSecond);
    this.refilledAt = now;
  }
}
