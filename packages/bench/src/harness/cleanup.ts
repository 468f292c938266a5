// End-of-run work (stop processes, drop the database, delete Redis keys), run in reverse order of registration so
// that what was started last (the API) stops before what it uses (its database) goes away.

type Task = { name: string; fn: () => Promise<unknown> | unknown };

export class Cleanups {
  private readonly tasks: Task[] = [];
  private running: Promise<string[]> | undefined;

  add(name: string, fn: () => Promise<unknown> | unknown): void {
    this.tasks.push({ name, fn });
  }

  /** Runs every task once (later calls wait for the same run). Returns a message per task that failed. */
  runAll(log: (message: string) => void, timeoutMs = 30_000): Promise<string[]> {
    this.running ??= (async () => {
      const failures: string[] = [];
      while (this.tasks.length) {
        const task = this.tasks.pop()!;
        try {
          await withTimeout(Promise.resolve().then(task.fn), timeoutMs, task.name);
        } catch (err) {
          const message = `cleanup "${task.name}" failed: ${err instanceof Error ? err.message : String(err)}`;
          failures.push(message);
          log(message);
        }
      }
      return failures;
    })();
    return this.running;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
