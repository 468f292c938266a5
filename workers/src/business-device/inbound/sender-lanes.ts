import { KeyedQueue } from '@switchboard/sdk';

/**
 * One drain's work, a lane per sender: each sender's envelopes one after another in mailbox order, different senders'
 * side by side (how many at once is the work's own business: MailboxDrainer's ConnectionSlots). A failure halts its
 * sender's lane for the rest of the drain — the envelopes behind it stay unacked for the next poll, so nothing of that
 * sender overtakes it — and no other sender's.
 */
export class SenderLanes {
  private readonly queue = new KeyedQueue();
  private readonly halted = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private pending = 0;

  add(sender: string, work: () => Promise<void>): void {
    this.pending++;
    void this.queue
      .run(sender, async () => {
        if (this.halted.has(sender)) return;
        try {
          await work();
        } catch {
          this.halted.add(sender); // work reports its own failures
        }
      })
      .finally(() => {
        this.pending--;
        for (const check of [...this.waiters]) check();
      });
  }

  /** Resolves once at most `max` envelopes are queued or running. */
  settle(max = 0): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.pending > max) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }
}
