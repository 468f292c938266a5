/**
 * Runs tasks one after another per key, different keys in parallel. A failed task does not stop the ones queued
 * behind it. Used where two operations on the same thing at once would be wrong: a Signal session (a reused message
 * key), a conversation (messages overtaking each other, one key bundle fetched per send).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }
}
