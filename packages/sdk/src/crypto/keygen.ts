import {
  KEMKeyPair,
  KyberPreKeyRecord,
  PreKeyRecord,
  PrivateKey,
  SignedPreKeyRecord,
} from '@signalapp/libsignal-client';
import type { KeyUpload, OneTimeKey, SignedKey } from '../rest';
import { toBase64 } from './storage';
import type { SignalStores } from './stores';

/** The server accepts at most this many one-time keys of each kind per upload. */
export const MAX_BATCH = 100;
const MAX_KEY_ID = 0xffffff; // the server (like Signal) keeps prekey ids in 24 bits

export interface BatchSizes {
  preKeys?: number;
  kyberPreKeys?: number;
}

/**
 * Makes the device's keys, keeps the private halves in its stores and returns the public halves in the shape
 * PUT /v1/keys takes. Ids come from counters in the storage, so they never repeat on a device.
 */
export class KeyGenerator {
  constructor(private readonly stores: SignalStores) {}

  /** Everything a new device publishes: identity, registration id, signed prekey, last-resort Kyber, one-time keys. */
  initialUpload(sizes: BatchSizes = {}): Promise<KeyUpload> {
    return this.stores.storage.batch(async () => {
      const identity = this.stores.identity.ownIdentity();
      return {
        identity_key: toBase64(identity.publicKey.serialize()),
        registration_id: await this.stores.identity.getLocalRegistrationId(),
        signed_pre_key: await this.signedPreKey(),
        kyber_last_resort_pre_key: await this.kyberPreKey(true),
        ...(await this.oneTimeKeys(sizes)),
      };
    });
  }

  /** A top-up of one-time keys (after GET /v1/keys says `low`). */
  oneTimeKeys({ preKeys = MAX_BATCH, kyberPreKeys = MAX_BATCH }: BatchSizes = {}): Promise<KeyUpload> {
    return this.stores.storage.batch(async () => {
      const ec: OneTimeKey[] = [];
      for (let i = 0; i < Math.min(preKeys, MAX_BATCH); i++) ec.push(await this.preKey());
      const kyber: SignedKey[] = [];
      for (let i = 0; i < Math.min(kyberPreKeys, MAX_BATCH); i++) kyber.push(await this.kyberPreKey(false));
      return { pre_keys: ec, kyber_pre_keys: kyber };
    });
  }

  /** A new signed prekey (rotate it periodically; the previous one stays usable for sessions already begun). */
  async signedPreKey(): Promise<SignedKey> {
    const id = this.nextId('signed-prekey');
    const key = PrivateKey.generate();
    const signature = this.stores.identity.ownIdentity().privateKey.sign(key.getPublicKey().serialize());
    const record = SignedPreKeyRecord.new(id, Date.now(), key.getPublicKey(), key, signature);
    await this.stores.signedPreKeys.saveSignedPreKey(id, record);
    return { key_id: id, public_key: toBase64(key.getPublicKey().serialize()), signature: toBase64(signature) };
  }

  private async preKey(): Promise<OneTimeKey> {
    const id = this.nextId('prekey');
    const key = PrivateKey.generate();
    await this.stores.preKeys.savePreKey(id, PreKeyRecord.new(id, key.getPublicKey(), key));
    return { key_id: id, public_key: toBase64(key.getPublicKey().serialize()) };
  }

  private async kyberPreKey(lastResort: boolean): Promise<SignedKey> {
    const id = this.nextId('kyber-prekey');
    const pair = KEMKeyPair.generate();
    const signature = this.stores.identity.ownIdentity().privateKey.sign(pair.getPublicKey().serialize());
    const record = KyberPreKeyRecord.new(id, Date.now(), pair, signature);
    if (lastResort) this.stores.kyberPreKeys.saveLastResortKyberPreKey(id, record);
    else await this.stores.kyberPreKeys.saveKyberPreKey(id, record);
    return { key_id: id, public_key: toBase64(pair.getPublicKey().serialize()), signature: toBase64(signature) };
  }

  private nextId(kind: string): number {
    const key = `signal:next-id:${kind}`;
    const id = Number(this.stores.storage.get(key) ?? '1');
    this.stores.storage.set(key, String(id >= MAX_KEY_ID ? 1 : id + 1));
    return id;
  }
}
