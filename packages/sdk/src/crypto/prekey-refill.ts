import type { Connection } from '../connection';

/** Waits between failed top-ups (offline, server busy): 2 s, 4 s … 64 s, with jitter; then the next notice retries. */
const FIRST_WAIT_MS = 2_000;
const ATTEMPTS = 6;

/**
 * Tops up the device's one-time prekeys by itself when the server says they run low (a PreKeysLow frame: live when a
 * fetch leaves them low, and at every connect until more are uploaded). One top-up at a time; a notice that comes
 * during one is answered by it.
 */
export class PreKeyRefill {
  private running?: Promise<void>;

  constructor(
    connection: Connection,
    private readonly crypto: { replenishKeys(): Promise<unknown> },
  ) {
    connection.onFrame((f) => {
      if (f.t === 'prekeys_low') void this.refill();
    });
  }

  /** Uploads a new batch if the server still counts the device low (replenishKeys checks first). */
  refill(): Promise<void> {
    this.running ??= this.attempt().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async attempt(): Promise<void> {
    for (let i = 0; i < ATTEMPTS; i++) {
      try {
        await this.crypto.replenishKeys();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, FIRST_WAIT_MS * 2 ** i * (0.5 + Math.random() / 2)).unref());
      }
    }
  }
}
