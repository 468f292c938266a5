import type { Storage } from '../crypto/storage';

const PREFIX = 'messaging:retry-asked:';

/**
 * Messages this device could not decrypt and asked their sender to encrypt again. The copy that comes back names the
 * first id: shown once here (the device that asked), dropped by devices that never asked (they showed the first).
 */
export class RetryRequests {
  constructor(private readonly storage: Storage) {}

  asked(senderAccountId: string, messageId: bigint): void {
    this.storage.set(`${PREFIX}${senderAccountId}:${messageId}`, String(Date.now()));
  }

  /** True once for a message this device asked about: the answer is to be shown. */
  answered(senderAccountId: string, messageId: bigint): boolean {
    const key = `${PREFIX}${senderAccountId}:${messageId}`;
    if (this.storage.get(key) === undefined) return false;
    this.storage.delete(key);
    return true;
  }
}
