import {
  CiphertextMessageType,
  PreKeySignalMessage,
  ProtocolAddress,
  processPreKeyBundle,
  SignalMessage,
  signalDecrypt,
  signalDecryptPreKey,
  signalEncrypt,
} from '@signalapp/libsignal-client';
import { ApiRequestError, type DeviceBundle, type KeyCounts, type RestClient } from '../rest';
import { KeyedQueue } from '../util/keyed-queue';
import { toPreKeyBundle } from './bundle';
import { type BatchSizes, KeyGenerator } from './keygen';
import { safetyNumber } from './safety-number';
import type { Storage } from './storage';
import { type IdentityOptions, SignalStores } from './stores';

/** A device as libsignal addresses it: `ProtocolAddress.new(accountId, deviceId)`. */
export interface Address {
  accountId: string;
  deviceId: number;
}

/** A ciphertext and its libsignal message type (3 = PreKey, the first messages of a session; 2 = Whisper). */
export interface Encrypted {
  type: number;
  body: Uint8Array;
}

const protocolAddress = (a: Address) => ProtocolAddress.new(a.accountId, a.deviceId);
const owned = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);

/**
 * One device's end of the Signal protocol: its keys (published through `rest`), its sessions with other devices,
 * and encrypt/decrypt as docs/core.md specifies. The server only ever sees what `encrypt` returns.
 */
export class DeviceCrypto {
  readonly stores: SignalStores;
  readonly keys: KeyGenerator;
  private readonly local: ProtocolAddress;
  // libsignal reads a session, advances it and writes it back: two operations on one session at once would reuse a
  // message key. Operations on the same remote device are chained; different devices run in parallel.
  private readonly queues = new KeyedQueue();

  constructor(
    readonly address: Address,
    storage: Storage,
    private readonly rest: RestClient,
    options: IdentityOptions = {},
  ) {
    this.stores = new SignalStores(storage, options);
    this.keys = new KeyGenerator(this.stores);
    this.local = protocolAddress(address);
  }

  /**
   * A contact's device now has another identity key than the one this device knew: its safety number changed. The
   * new key is accepted (unless strictIdentities); the app should tell the user, as Signal and WhatsApp do.
   */
  onIdentityChange(listener: (address: Address) => void): void {
    this.stores.identity.onChange((a) => listener({ accountId: a.name(), deviceId: a.deviceId() }));
  }

  /** The safety number with `peer`'s device, once a session has told this device its identity key (else undefined). */
  async safetyNumber(peer: Address): Promise<{ digits: string; scannable: Uint8Array } | undefined> {
    const remote = await this.stores.identity.getIdentity(protocolAddress(peer));
    if (!remote) return undefined;
    const local = this.stores.identity.ownIdentity().publicKey;
    return safetyNumber({ accountId: this.address.accountId, key: local }, { accountId: peer.accountId, key: remote });
  }

  registrationId(): Promise<number> {
    return this.stores.identity.getLocalRegistrationId();
  }

  /** A new device's first upload: identity, registration id, signed prekey, last-resort Kyber key, one-time keys. */
  async publishKeys(sizes?: BatchSizes): Promise<KeyCounts> {
    return this.rest.uploadKeys(await this.keys.initialUpload(sizes));
  }

  /** Uploads a new batch of one-time keys when the server says the device is running low. */
  async replenishKeys(sizes?: BatchSizes): Promise<KeyCounts> {
    const counts = await this.rest.keyCounts();
    return counts.low ? this.rest.uploadKeys(await this.keys.oneTimeKeys(sizes)) : counts;
  }

  async hasSession(address: Address): Promise<boolean> {
    const record = await this.stores.sessions.getSession(protocolAddress(address));
    return record?.hasCurrentState() ?? false;
  }

  /**
   * Makes sure a session exists with each of `deviceIds` of `accountId`, fetching bundles for those without one.
   * Returns the device ids it started sessions with; a device the server has no keys for is left out, and the send
   * that needs it will be refused with the exact device list. With no session at all (a first contact) one request
   * fetches every device; otherwise only the missing ones are fetched, so no other device's one-time keys are spent.
   */
  async ensureSessions(accountId: string, deviceIds: number[]): Promise<number[]> {
    const missing: number[] = [];
    for (const deviceId of deviceIds) if (!(await this.hasSession({ accountId, deviceId }))) missing.push(deviceId);
    if (!missing.length) return [];
    const bundles =
      missing.length > 1 && missing.length === deviceIds.length
        ? (await this.rest.fetchBundles(accountId, 'all')).devices
        : (await Promise.all(missing.map((id) => this.fetchBundle(accountId, id)))).flat();
    const started: number[] = [];
    for (const bundle of bundles.filter((d) => missing.includes(d.device_id))) {
      const address = { accountId, deviceId: bundle.device_id };
      await this.serialized(address, () =>
        processPreKeyBundle(
          toPreKeyBundle(bundle),
          protocolAddress(address),
          this.local,
          this.stores.sessions,
          this.stores.identity,
        ),
      );
      started.push(bundle.device_id);
    }
    return started;
  }

  /** One device's bundle; none when the server has no keys for it (404). */
  private async fetchBundle(accountId: string, deviceId: number): Promise<DeviceBundle[]> {
    try {
      return (await this.rest.fetchBundles(accountId, deviceId)).devices;
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) return [];
      throw err;
    }
  }

  /** Forgets sessions (the server said a device is stale: it re-registered), so the next send fetches a new bundle. */
  deleteSessions(accountId: string, deviceIds: number[]): void {
    for (const deviceId of deviceIds) this.stores.sessions.deleteSession(protocolAddress({ accountId, deviceId }));
  }

  encrypt(address: Address, plaintext: Uint8Array): Promise<Encrypted> {
    return this.serialized(address, async () => {
      const message = await signalEncrypt(
        owned(plaintext),
        protocolAddress(address),
        this.local,
        this.stores.sessions,
        this.stores.identity,
      );
      return { type: message.type(), body: message.serialize() };
    });
  }

  decrypt(address: Address, type: number, body: Uint8Array): Promise<Uint8Array> {
    const from = protocolAddress(address);
    const { sessions, identity, preKeys, signedPreKeys, kyberPreKeys } = this.stores;
    return this.serialized(address, async () => {
      if (type === CiphertextMessageType.PreKey) {
        const message = PreKeySignalMessage.deserialize(owned(body));
        return signalDecryptPreKey(message, from, this.local, sessions, identity, preKeys, signedPreKeys, kyberPreKeys);
      }
      if (type === CiphertextMessageType.Whisper) {
        return signalDecrypt(SignalMessage.deserialize(owned(body)), from, this.local, sessions, identity);
      }
      throw new Error(`unsupported ciphertext type ${type}`);
    });
  }

  private serialized<T>(address: Address, fn: () => Promise<T>): Promise<T> {
    return this.queues.run(`${address.accountId}.${address.deviceId}`, fn);
  }
}
