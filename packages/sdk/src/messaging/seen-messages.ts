import type { Storage } from '../crypto/storage';

const PREFIX = 'messaging:seen:';
const KEEP_MS = 30 * 86_400_000; // as long as the server may hold an envelope (its TTL)

/**
 * Message ids already shown, per sender account, so a redelivery (its ack was lost with a connection or a server) is
 * acknowledged again but never shown twice. Persisted with the device's other state.
 */
export class SeenMessages {
  constructor(private readonly storage: Storage) {
    const cutoff = Date.now() - KEEP_MS;
    for (const k of storage.keys(PREFIX)) if (Number(storage.get(k)) < cutoff) storage.delete(k);
  }

  has(senderAccountId: string, messageId: bigint): boolean {
    return this.storage.get(`${PREFIX}${senderAccountId}:${messageId}`) !== undefined;
  }

  add(senderAccountId: string, messageId: bigint): void {
    this.storage.set(`${PREFIX}${senderAccountId}:${messageId}`, String(Date.now()));
  }
}
