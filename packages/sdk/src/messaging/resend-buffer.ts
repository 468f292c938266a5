export interface Resendable {
  id: bigint;
  to: string;
  text: string;
  rich?: Record<string, unknown>;
  sentAt: number;
  serverTimestamp: number;
  /** Disappearing / view once / timer message: encrypted again with the same (ephemeral/ephemeral.ts). */
  expireTimer?: number;
  setsTimer?: true;
  viewOnce?: true;
}

const KEEP_MS = 10 * 60_000;
const MAX_ENTRIES = 1_000;

/**
 * What this device sent lately, in memory, so it can encrypt a message again when a recipient's device asks (it could
 * not decrypt it). Short on purpose: a retry request comes within seconds of the delivery, and plaintext kept longer
 * than needed is plaintext that can leak.
 */
export class ResendBuffer {
  private readonly entries = new Map<string, Resendable>();

  add(m: Resendable): void {
    this.entries.set(`${m.serverTimestamp}:${m.id}`, m);
    const cutoff = Date.now() - KEEP_MS;
    for (const [k, e] of this.entries) {
      if (e.sentAt >= cutoff && this.entries.size <= MAX_ENTRIES) break;
      this.entries.delete(k);
    }
  }

  /** The message with this server time that went to `requester` (or to anyone, when the requester is this account). */
  take(serverTimestamp: number, requester: string, self: string): Resendable | undefined {
    for (const [k, e] of this.entries) {
      if (e.serverTimestamp !== serverTimestamp || (e.to !== requester && requester !== self)) continue;
      this.entries.delete(k);
      return e;
    }
    return undefined;
  }
}
