import { flushIsolated } from '@switchboard/platform';

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

/**
 * Opportunistic batching of outbox writes (like the mailbox's WriteBatcher): a commit costs one WAL flush whatever it
 * carries, so emits that arrive while earlier batches are being written go together in the next one. Idle, an emit
 * is written at once (delivery settles POST outcomes through it for the same reason). One addition: an item whose
 * ordering key is in a batch still in flight waits for it, so two concurrent batches never race for the same key and
 * call order stays seq order.
 */
export class EmitBatcher<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private readonly keysInFlight = new Map<string, number>();
  private inFlight = 0;

  constructor(
    private readonly flush: (items: I[]) => Promise<O[]>,
    private readonly keyOf: (item: I) => string | null,
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
      const batch = this.take();
      if (!batch.length) return; // everything queued waits on a key in flight
      const keys = batch.map((w) => this.keyOf(w.item)).filter((k): k is string => k !== null);
      for (const k of keys) this.keysInFlight.set(k, (this.keysInFlight.get(k) ?? 0) + 1);
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
          for (const k of keys) {
            const n = this.keysInFlight.get(k)! - 1;
            if (n) this.keysInFlight.set(k, n);
            else this.keysInFlight.delete(k);
          }
          this.inFlight--;
          this.pump();
        });
    }
  }

  /** Up to maxBatch queued items, in order, leaving those whose key is in flight (and their successors) queued. */
  private take(): Waiting<I, O>[] {
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
