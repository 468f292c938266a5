import type { Storage } from '../crypto/storage';

const key = (accountId: string) => `messaging:devices:${accountId}`;

/**
 * Which devices this device believes each account has. A send names exactly these; the server corrects the list
 * (409/410) when it is wrong, as Signal's does. Persisted, so a restart does not repeat the first-contact dance.
 */
export class KnownDevices {
  constructor(private readonly storage: Storage) {}

  get(accountId: string): number[] | undefined {
    const raw = this.storage.get(key(accountId));
    return raw === undefined ? undefined : (JSON.parse(raw) as number[]);
  }

  /** Missing devices join, extra ones leave. */
  correct(accountId: string, missing: number[], extra: number[]): void {
    const current = new Set(this.get(accountId) ?? []);
    for (const id of missing) current.add(id);
    for (const id of extra) current.delete(id);
    this.storage.set(key(accountId), JSON.stringify([...current].sort((a, b) => a - b)));
  }
}
