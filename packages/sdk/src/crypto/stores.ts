import {
  type Direction,
  IdentityChange,
  IdentityKeyPair,
  IdentityKeyStore,
  KyberPreKeyRecord,
  KyberPreKeyStore,
  PreKeyRecord,
  PreKeyStore,
  type PrivateKey,
  type ProtocolAddress,
  PublicKey,
  SessionRecord,
  SessionStore,
  SignedPreKeyRecord,
  SignedPreKeyStore,
} from '@signalapp/libsignal-client';
import { fromBase64, type Storage, toBase64 } from './storage';

// libsignal's five stores over one Storage. Everything lives under "signal:" so the caller can share the storage.
const K = {
  identity: 'signal:identity',
  registrationId: 'signal:registration-id',
  remoteIdentity: (a: ProtocolAddress) => `signal:remote-identity:${addressKey(a)}`,
  session: (a: ProtocolAddress) => `signal:session:${addressKey(a)}`,
  preKey: (id: number) => `signal:prekey:${id}`,
  signedPreKey: (id: number) => `signal:signed-prekey:${id}`,
  kyberPreKey: (id: number) => `signal:kyber-prekey:${id}`,
  lastResort: (id: number) => `signal:kyber-last-resort:${id}`,
};
const addressKey = (a: ProtocolAddress) => `${a.name()}.${a.deviceId()}`;

function load<T>(storage: Storage, key: string, parse: (b: Uint8Array<ArrayBuffer>) => T): T | undefined {
  const raw = storage.get(key);
  return raw === undefined ? undefined : parse(fromBase64(raw));
}
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} not found in the key store`);
  return value;
}

export interface IdentityOptions {
  /**
   * false (default): a contact's new identity key (they re-registered) is accepted and replaces the old one, as
   * Signal does for contacts whose safety number you have not verified. true: refuse to talk to a changed identity.
   */
  strictIdentities?: boolean;
}

export class StorageIdentityStore extends IdentityKeyStore {
  private readonly changeListeners: ((address: ProtocolAddress) => void)[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly options: IdentityOptions = {},
  ) {
    super();
  }

  /** The device's own identity: made on first use, then kept for the device's life. */
  ownIdentity(): IdentityKeyPair {
    const existing = load(this.storage, K.identity, (b) => IdentityKeyPair.deserialize(b));
    if (existing) return existing;
    const pair = IdentityKeyPair.generate();
    this.storage.set(K.identity, toBase64(pair.serialize()));
    // libsignal registration ids are 14-bit and never 0.
    this.storage.set(K.registrationId, String(1 + Math.floor(Math.random() * 0x3ffe)));
    return pair;
  }

  async getIdentityKey(): Promise<PrivateKey> {
    return this.ownIdentity().privateKey;
  }
  async getLocalRegistrationId(): Promise<number> {
    this.ownIdentity();
    return Number(this.storage.get(K.registrationId));
  }
  /** A remote device's identity key was replaced (it re-registered, or someone is in the middle). */
  onChange(listener: (address: ProtocolAddress) => void): void {
    this.changeListeners.push(listener);
  }

  async saveIdentity(address: ProtocolAddress, key: PublicKey): Promise<IdentityChange> {
    const previous = await this.getIdentity(address);
    this.storage.set(K.remoteIdentity(address), toBase64(key.serialize()));
    if (!previous || previous.equals(key)) return IdentityChange.NewOrUnchanged;
    for (const l of this.changeListeners) l(address);
    return IdentityChange.ReplacedExisting;
  }
  async isTrustedIdentity(address: ProtocolAddress, key: PublicKey, _direction: Direction): Promise<boolean> {
    if (!this.options.strictIdentities) return true;
    const known = await this.getIdentity(address);
    return !known || known.equals(key);
  }
  async getIdentity(address: ProtocolAddress): Promise<PublicKey | null> {
    return load(this.storage, K.remoteIdentity(address), (b) => PublicKey.deserialize(b)) ?? null;
  }
}

export class StorageSessionStore extends SessionStore {
  constructor(private readonly storage: Storage) {
    super();
  }
  async saveSession(address: ProtocolAddress, record: SessionRecord): Promise<void> {
    this.storage.set(K.session(address), toBase64(record.serialize()));
  }
  async getSession(address: ProtocolAddress): Promise<SessionRecord | null> {
    return load(this.storage, K.session(address), (b) => SessionRecord.deserialize(b)) ?? null;
  }
  async getExistingSessions(addresses: ProtocolAddress[]): Promise<SessionRecord[]> {
    const records = await Promise.all(addresses.map((a) => this.getSession(a)));
    return records.map((r, i) => required(r ?? undefined, `session for ${addressKey(addresses[i]!)}`));
  }
  deleteSession(address: ProtocolAddress): void {
    this.storage.delete(K.session(address));
  }
}

export class StoragePreKeyStore extends PreKeyStore {
  constructor(private readonly storage: Storage) {
    super();
  }
  async savePreKey(id: number, record: PreKeyRecord): Promise<void> {
    this.storage.set(K.preKey(id), toBase64(record.serialize()));
  }
  async getPreKey(id: number): Promise<PreKeyRecord> {
    return required(
      load(this.storage, K.preKey(id), (b) => PreKeyRecord.deserialize(b)),
      `prekey ${id}`,
    );
  }
  async removePreKey(id: number): Promise<void> {
    this.storage.delete(K.preKey(id));
  }
}

export class StorageSignedPreKeyStore extends SignedPreKeyStore {
  constructor(private readonly storage: Storage) {
    super();
  }
  async saveSignedPreKey(id: number, record: SignedPreKeyRecord): Promise<void> {
    this.storage.set(K.signedPreKey(id), toBase64(record.serialize()));
  }
  async getSignedPreKey(id: number): Promise<SignedPreKeyRecord> {
    const record = load(this.storage, K.signedPreKey(id), (b) => SignedPreKeyRecord.deserialize(b));
    return required(record, `signed prekey ${id}`);
  }
}

export class StorageKyberPreKeyStore extends KyberPreKeyStore {
  constructor(private readonly storage: Storage) {
    super();
  }
  async saveKyberPreKey(id: number, record: KyberPreKeyRecord): Promise<void> {
    this.storage.set(K.kyberPreKey(id), toBase64(record.serialize()));
  }
  /** The last-resort key is served to every sender once one-time keys run out, so it must survive being used. */
  saveLastResortKyberPreKey(id: number, record: KyberPreKeyRecord): void {
    this.storage.set(K.kyberPreKey(id), toBase64(record.serialize()));
    this.storage.set(K.lastResort(id), '1');
  }
  async getKyberPreKey(id: number): Promise<KyberPreKeyRecord> {
    const record = load(this.storage, K.kyberPreKey(id), (b) => KyberPreKeyRecord.deserialize(b));
    return required(record, `kyber prekey ${id}`);
  }
  async markKyberPreKeyUsed(id: number): Promise<void> {
    if (this.storage.get(K.lastResort(id)) === undefined) this.storage.delete(K.kyberPreKey(id));
  }
}

/** The five stores a device needs, over one storage. */
export class SignalStores {
  readonly identity: StorageIdentityStore;
  readonly sessions: StorageSessionStore;
  readonly preKeys: StoragePreKeyStore;
  readonly signedPreKeys: StorageSignedPreKeyStore;
  readonly kyberPreKeys: StorageKyberPreKeyStore;

  constructor(
    readonly storage: Storage,
    options: IdentityOptions = {},
  ) {
    this.identity = new StorageIdentityStore(storage, options);
    this.sessions = new StorageSessionStore(storage);
    this.preKeys = new StoragePreKeyStore(storage);
    this.signedPreKeys = new StorageSignedPreKeyStore(storage);
    this.kyberPreKeys = new StorageKyberPreKeyStore(storage);
  }
}
