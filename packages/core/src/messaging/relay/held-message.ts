import type { NewMessage, PendingEnvelope } from '../mailbox/mailbox.types';

/** Where a held message is: guids being drawn, pushed and waiting for acks, being written, or finished. */
export type HeldState = 'intake' | 'held' | 'committing' | 'done';

/**
 * A message the relay accepted and has not finished with. Its envelopes may be in their devices' hands before it is
 * written; each device's ack is recorded here, and once every envelope is acked the message is settled without a
 * write. What is still unacked when it falls due is written (only those envelopes).
 */
export class HeldMessage {
  state: HeldState = 'intake';
  /** Guids of the envelopes, in order, once drawn. */
  guids: number[] = [];
  /** When it must be written if not settled by acks (ms since the epoch). */
  due = 0;
  /** Its client id is stored already: written (the insert recognises it) and never pushed under new guids. */
  repeat = false;
  /** Receipts its in-memory acks earned: ✓ waits until each is out (pushed to the sender's device, or stored). */
  readonly owed: Promise<void>[] = [];
  /** Resolves once it is written or has failed to be (acks that arrive meanwhile wait for it). */
  committed: Promise<void> = Promise.resolve();
  /** Resolves with the time ✓ carries once the message is safe: acked by every device, or written. */
  readonly result: Promise<{ serverTimestamp: number }>;
  /** For a receipt: resolves once it is out — pushed to a device here, or written. */
  readonly out: Promise<void>;
  private unacked: number;
  private readonly acked: boolean[];
  private resolveResult!: (v: { serverTimestamp: number }) => void;
  private rejectResult!: (err: unknown) => void;
  private resolveOut!: () => void;
  private rejectOut!: (err: unknown) => void;

  constructor(readonly msg: NewMessage) {
    this.acked = msg.envelopes.map(() => false);
    this.unacked = msg.envelopes.length;
    this.result = new Promise((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
    });
    this.out = new Promise((resolve, reject) => {
      this.resolveOut = resolve;
      this.rejectOut = reject;
    });
    // Awaited only by some callers; a failure is reported through `result` to the one that matters.
    this.out.catch(() => undefined);
  }

  /** Records the ack of envelope `index`; true when it was the last unacked one. */
  ack(index: number): boolean {
    if (this.acked[index]) return false;
    this.acked[index] = true;
    return --this.unacked === 0;
  }

  /** The message with only its unacked envelopes, each with its guid: what a commit writes. */
  remaining(): NewMessage {
    const envelopes = this.msg.envelopes.flatMap((e, i) => (this.acked[i] ? [] : [{ ...e, guid: this.guids[i] }]));
    return { ...this.msg, envelopes };
  }

  /** The envelopes as they are pushed before the write. */
  pending(): PendingEnvelope[] {
    const m = this.msg;
    return m.envelopes.map((env, i) => ({
      guid: this.guids[i]!,
      accountId: env.accountId,
      deviceId: env.deviceId,
      kind: m.kind,
      type: env.type,
      content: env.content,
      sender: m.sender,
      clientMessageId: m.clientMessageId,
      serverTimestamp: m.serverTimestamp,
      body: m.body,
    }));
  }

  pushed(): void {
    this.resolveOut();
  }

  /** Safe: ✓ once the receipts it earned are out (a receipt that could not be made fails it: the sender resends). */
  settle(serverTimestamp: number): void {
    this.state = 'done';
    this.resolveOut();
    Promise.all(this.owed).then(() => this.resolveResult({ serverTimestamp }), this.rejectResult);
  }

  fail(err: unknown): void {
    this.state = 'done';
    this.rejectOut(err);
    this.rejectResult(err);
  }
}
