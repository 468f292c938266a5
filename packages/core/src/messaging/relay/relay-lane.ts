import type { HeldMessage } from './held-message';

const MAX_BATCH = 256;

/** What a lane asks of the relay. */
export interface LaneSteps {
  /** Draws the batch's guids and marks repeats, then pushes what it may; returns when each is due to be written. */
  intake(batch: HeldMessage[]): Promise<void>;
  /** Writes the batch in one statement and settles each message (or fails it). */
  commit(batch: HeldMessage[]): Promise<void>;
}

/**
 * One lane of the relay: messages go through intake (guids drawn, pushed to devices here) and are written in the
 * order they came, one intake and one write in flight at a time, so a sender (always on the same lane) gets
 * increasing guids and its messages are stored in order. A message waits in the queue until it is due; one settled
 * by acks meanwhile drops out unwritten. A message not due yet holds back its own sender's later ones only.
 */
export class RelayLane {
  private incoming: HeldMessage[] = [];
  private queue: HeldMessage[] = [];
  private drawing = false;
  private committing = false;
  private timer?: NodeJS.Timeout;
  private timerAt = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly steps: LaneSteps) {}

  add(held: HeldMessage): void {
    this.incoming.push(held);
    this.pumpIntake();
  }

  /** A message whose guids are drawn already (a receipt): it joins the queue at once. */
  addHeld(held: HeldMessage): void {
    this.queue.push(held);
    this.pumpCommit();
  }

  /** Writes everything held now (shutdown) and resolves once the lane is empty. */
  flushAll(): Promise<void> {
    for (const h of this.queue) h.due = 0;
    this.pumpCommit();
    if (this.empty()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private empty(): boolean {
    return !this.drawing && !this.committing && !this.incoming.length && !this.queue.length;
  }

  private pumpIntake(): void {
    if (this.drawing || !this.incoming.length) return;
    const batch = this.incoming.splice(0, MAX_BATCH);
    this.drawing = true;
    this.steps
      .intake(batch)
      .then(
        () => {
          for (const h of batch) if (h.state !== 'done') this.queue.push(h);
        },
        (err) => {
          for (const h of batch) h.fail(err);
        },
      )
      .finally(() => {
        this.drawing = false;
        this.pumpIntake();
        this.pumpCommit();
      });
  }

  private pumpCommit(): void {
    if (this.committing) return;
    // Due messages are written in queue order; one not due yet holds back only its own sender's later messages.
    const now = Date.now();
    const batch: HeldMessage[] = [];
    const rest: HeldMessage[] = [];
    const waiting = new Set<string>();
    let next = Number.POSITIVE_INFINITY;
    for (const h of this.queue) {
      if (h.state === 'done') continue;
      const sender = `${h.msg.sender.accountId}/${h.msg.sender.deviceId}`;
      if (batch.length < MAX_BATCH && h.due <= now && !waiting.has(sender)) batch.push(h);
      else {
        rest.push(h);
        if (h.due > now) next = Math.min(next, h.due);
        waiting.add(sender);
      }
    }
    this.queue = rest;
    if (!batch.length) {
      if (next < Number.POSITIVE_INFINITY) this.wake(next);
      else if (this.empty()) for (const done of this.idle.splice(0)) done();
      return;
    }
    this.committing = true;
    this.steps.commit(batch).finally(() => {
      this.committing = false;
      this.pumpCommit();
    });
  }

  private wake(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pumpCommit();
      },
      Math.max(0, at - Date.now()),
    );
  }
}
