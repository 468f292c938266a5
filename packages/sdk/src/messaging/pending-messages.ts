import type { Storage } from '../crypto/storage';
import type { IncomingMessage } from './types';

const PREFIX = 'messaging:pending:';
const key = (m: IncomingMessage) => `${PREFIX}${m.from.accountId}:${m.messageId}`;

/**
 * Decrypted messages the app has not yet handled. A message is written here before the server is acknowledged and
 * removed once the app's handler returned, so a handler that throws (or a crash in it) never loses one: the
 * ciphertext cannot be decrypted twice (its message key is spent), so the plaintext is what must be kept. Signal's
 * clients do the same with their cache of unprocessed envelopes.
 */
export class PendingMessages {
  constructor(private readonly storage: Storage) {}

  add(m: IncomingMessage): void {
    this.storage.set(
      key(m),
      JSON.stringify(m, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)),
    );
  }

  delete(m: IncomingMessage): void {
    this.storage.delete(key(m));
  }

  deleteOf(from: string, messageId: bigint): void {
    this.storage.delete(`${PREFIX}${from}:${messageId}`);
  }

  /** Oldest first, in the order the server stored them. */
  all(): IncomingMessage[] {
    return this.storage
      .keys(PREFIX)
      .map(
        (k) =>
          JSON.parse(this.storage.get(k)!, (name, v) =>
            name === 'messageId' && typeof v === 'string' ? BigInt(v.slice(0, -1)) : v,
          ) as IncomingMessage,
      )
      .sort((a, b) => a.serverTimestamp - b.serverTimestamp);
  }

  get size(): number {
    return this.storage.keys(PREFIX).length;
  }
}
