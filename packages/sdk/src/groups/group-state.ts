import { randomUUID } from 'node:crypto';
import type { Storage } from '../crypto/storage';

const P = 'groups:';

/**
 * What a device remembers of each group, in its Storage: the member accounts (from the group's events), the last event
 * applied (events come once each, in order; a repeat is skipped), and its own sender key's distribution id with the
 * devices that already have that key. Rotating forgets both: the next message starts a new key and distributes it to
 * every device again.
 */
export class GroupState {
  constructor(private readonly storage: Storage) {}

  members(groupId: string): string[] | undefined {
    const raw = this.storage.get(`${P}members:${groupId}`);
    return raw === undefined ? undefined : (JSON.parse(raw) as string[]);
  }

  setMembers(groupId: string, accounts: string[]): void {
    this.storage.set(`${P}members:${groupId}`, JSON.stringify([...new Set(accounts)]));
  }

  lastSeq(groupId: string): number {
    return Number(this.storage.get(`${P}seq:${groupId}`) ?? 0);
  }

  setLastSeq(groupId: string, seq: number): void {
    this.storage.set(`${P}seq:${groupId}`, String(seq));
  }

  /** This device's current sender-key distribution id for the group (a new one after a rotation). */
  distributionId(groupId: string): string {
    const k = `${P}distribution:${groupId}`;
    let id = this.storage.get(k);
    if (!id) {
      id = randomUUID();
      this.storage.set(k, id);
      this.storage.delete(`${P}shared:${groupId}`);
    }
    return id;
  }

  rotate(groupId: string): void {
    this.storage.delete(`${P}distribution:${groupId}`);
    this.storage.delete(`${P}shared:${groupId}`);
  }

  /** Devices ("account.device") that have this device's current sender key for the group. */
  shared(groupId: string): Set<string> {
    return new Set(JSON.parse(this.storage.get(`${P}shared:${groupId}`) ?? '[]') as string[]);
  }

  share(groupId: string, devices: string[]): void {
    if (!devices.length) return;
    const all = this.shared(groupId);
    for (const d of devices) all.add(d);
    this.storage.set(`${P}shared:${groupId}`, JSON.stringify([...all]));
  }

  unshare(groupId: string, devices: string[]): void {
    const all = this.shared(groupId);
    for (const d of devices) all.delete(d);
    this.storage.set(`${P}shared:${groupId}`, JSON.stringify([...all]));
  }

  forget(groupId: string): void {
    for (const k of this.storage.keys(P)) if (k.endsWith(`:${groupId}`)) this.storage.delete(k);
  }
}
