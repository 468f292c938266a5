/**
 * At most `size` flow turns at once in a process. A turn holds one pooled database connection for its transaction
 * and its sends need more from the same pool: with as many turns as connections, every turn would wait for a
 * connection that only a finished turn frees.
 */
export class TurnSlots {
  private used = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.used >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    else this.used++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.used--;
    }
  }
}
