import { flushIsolated } from '@switchboard/platform';

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

/**
 * Opportunistic batching. A commit costs one WAL flush (5-8 ms on this machine's disk) whatever it carries, and a
 * query costs about the same for one account as for fifty, so items that arrive while earlier flushes are in flight
 * go together in the next one. Idle, an item is flushed at once (no timer, no added latency); busy, batches grow by
 * themselves. Each flush starts after its items were submitted, so a batched read is as fresh as a single one.
 */
export class WriteBatcher<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly flush: (items: I[]) => Promise<O[]>,
    private readonly options: { maxBatch: number; maxInFlight: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      // One request's bad row fails that request only, not the others it shares the batch with.
      flushIsolated(
        this.flush,
        batch.map((w) => w.item),
      )
        .then((results) => {
          for (const [i, w] of batch.entries()) {
            const r = results[i]!;
            if (r.status === 'fulfilled') w.resolve(r.value);
            else w.reject(r.reason);
          }
        })
        .finally(() => {
          this.inFlight--;
          this.pump();
          if (!this.inFlight && !this.queue.length) for (const done of this.idle.splice(0)) done();
        });
    }
  }

  /** Resolves when everything submitted so far has been written (or has failed). */
  drained(): Promise<void> {
    if (!this.inFlight && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}
