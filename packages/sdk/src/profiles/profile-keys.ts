import { randomBytes } from 'node:crypto';
import { fromBase64, type Storage, toBase64 } from '../crypto/storage';
import { PROFILE_KEY_BYTES } from './profile-cipher';

const OWN = 'profiles:own-key';
const theirs = (accountId: string) => `profiles:key:${accountId}`;
const numberOf = (accountId: string) => `profiles:number:${accountId}`;

/**
 * Profile keys in the device's Storage: this account's own (made on first use; every message this device sends
 * carries it, as Signal's do), and the ones contacts' messages brought, with the number each sender gave.
 */
export class ProfileKeys {
  constructor(private readonly storage: Storage) {}

  /** This account's key, made on first use. A companion should be given its primary's (setOwn) before publishing. */
  own(): Uint8Array {
    const stored = this.storage.get(OWN);
    if (stored) return fromBase64(stored);
    const key = new Uint8Array(randomBytes(PROFILE_KEY_BYTES));
    this.storage.set(OWN, toBase64(key));
    return key;
  }

  setOwn(key: Uint8Array): void {
    if (key.length !== PROFILE_KEY_BYTES) throw new RangeError(`a profile key is ${PROFILE_KEY_BYTES} bytes`);
    this.storage.set(OWN, toBase64(key));
  }

  of(accountId: string): Uint8Array | undefined {
    const stored = this.storage.get(theirs(accountId));
    return stored ? fromBase64(stored) : undefined;
  }

  /** The number a contact's messages say it has (claimed by the sender; `Profiles.lookup` can confirm it). */
  numberOf(accountId: string): string | undefined {
    return this.storage.get(numberOf(accountId));
  }

  learn(accountId: string, sender: { number: string; profileKey: Uint8Array }): void {
    if (sender.profileKey.length === PROFILE_KEY_BYTES)
      this.storage.set(theirs(accountId), toBase64(sender.profileKey));
    if (sender.number) this.storage.set(numberOf(accountId), sender.number);
  }
}
