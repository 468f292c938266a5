/**
 * At most `size` pieces of work at once in a process, for work that holds one pooled database connection for its
 * transaction and needs more from the same pool inside it (a flow turn's sends, a number's provisioning): with as many
 * of them as connections, each would wait for a connection that only a finished one frees.
 */
export class ConnectionSlots {
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
