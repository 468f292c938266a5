import { flushIsolated } from './flush-isolated';

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

export interface BatcherOptions<I> {
  maxBatch: number;
  maxInFlight: number;
  /**
   * An item's ordering key, or null for none. An item whose key is in a batch still in flight waits for it, so two
   * concurrent batches never race for the same key and call order stays commit order for that key.
   */
  keyOf?: (item: I) => string | null;
}

/**
 * Opportunistic batching, the one batcher every write path shares. A commit costs one WAL flush whatever it carries,
 * and a query costs about the same for one key as for fifty, so items that arrive while earlier flushes are in flight
 * go together in the next one. Idle, an item is flushed at once (no timer, no added latency); busy, batches grow by
 * themselves. Each flush starts after its items were submitted, so a batched read is as fresh as a single one.
 *
 * Items of many requests share a batch, so every flush goes through `flushIsolated`: one request's bad row fails
 * that request only, never the others it was batched with.
 */
export class Batcher<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private readonly keysInFlight = new Map<string, number>();
  private readonly keyOf: (item: I) => string | null;
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly flush: (items: I[]) => Promise<O[]>,
    private readonly options: BatcherOptions<I>,
  ) {
    this.keyOf = options.keyOf ?? (() => null);
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Resolves when everything submitted so far has been flushed (or has failed). */
  drained(): Promise<void> {
    if (!this.inFlight && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length) {
      const batch = this.take();
      if (!batch.length) return; // everything queued waits on a key in flight
      const keys = batch.map((w) => this.keyOf(w.item)).filter((k): k is string => k !== null);
      for (const k of keys) this.keysInFlight.set(k, (this.keysInFlight.get(k) ?? 0) + 1);
      this.inFlight++;
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
          for (const k of keys) {
            const n = this.keysInFlight.get(k)! - 1;
            if (n) this.keysInFlight.set(k, n);
            else this.keysInFlight.delete(k);
          }
          this.inFlight--;
          this.pump();
          if (!this.inFlight && !this.queue.length) for (const done of this.idle.splice(0)) done();
        });
    }
  }

  /** Up to maxBatch queued items, in order, leaving those whose key is in flight (and their successors) queued. */
  private take(): Waiting<I, O>[] {
    if (!this.keysInFlight.size && !this.options.keyOf) return this.queue.splice(0, this.options.maxBatch);
    const batch: Waiting<I, O>[] = [];
    const rest: Waiting<I, O>[] = [];
    for (const w of this.queue) {
      const key = this.keyOf(w.item);
      if (batch.length < this.options.maxBatch && (key === null || !this.keysInFlight.has(key))) batch.push(w);
      else rest.push(w);
    }
    this.queue.splice(0, this.queue.length, ...rest);
    return batch;
  }
}
