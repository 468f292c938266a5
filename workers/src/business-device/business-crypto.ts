import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import { BundlesService } from '@switchboard/core/keys/bundles.service';
import { uploadKeysInput } from '@switchboard/core/keys/inputs/upload-keys.input';
import { KeyUploadService } from '@switchboard/core/keys/key-upload.service';
import type { Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';
import { ApiRequestError, DeviceCrypto, type KeyUpload, type RestClient } from '@switchboard/sdk';
import { DeviceKeysRepository, type KeySelection, type RawClient } from './keystore/device-keys.repository';
import { type CachedKey, KeyCache } from './keystore/key-cache';
import { SealedStorage } from './keystore/sealed-storage';

/** A business number's device in the core. */
export interface BusinessDeviceRef {
  phoneNumberId: string;
  accountId: string;
  deviceId: number;
}

/** What an operation touches besides its peer's sessions: `prekeys` for a PreKey message (the first of a session). */
export type CryptoScope = 'session' | 'prekeys' | 'all';

const OWN = ['signal:identity', 'signal:registration-id'];
const OWN_PREFIXES = ['signal:signed-prekey:', 'signal:kyber-last-resort:'];
const PREKEY_PREFIXES = ['signal:prekey:', 'signal:kyber-prekey:', 'signal:next-id:'];

/**
 * Runs the SDK's DeviceCrypto for a business device with its state in Postgres (sealed, `BusinessDeviceKey`). One
 * operation = one transaction: a transaction-scoped advisory lock on (device, peer account) — so any number of worker
 * processes may encrypt for one number at once, but never two on the same session —, load the keys the operation
 * needs, run it, write back what changed, commit. Bundles are fetched and keys uploaded in-process (the core's own
 * services), as a trusted caller.
 */
@Injectable()
export class BusinessCrypto {
  constructor(
    private readonly prisma: PrismaService,
    private readonly keys: DeviceKeysRepository,
    private readonly bundles: BundlesService,
    private readonly uploads: KeyUploadService,
    private readonly cache: KeyCache,
  ) {}

  withPeer<T>(
    device: BusinessDeviceRef,
    peerAccountId: string,
    scope: CryptoScope,
    fn: (crypto: DeviceCrypto) => Promise<T>,
    prelude?: (tx: RawClient) => Promise<unknown>,
  ): Promise<T> {
    return this.prisma.client.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(
          'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
          `business-device:${device.accountId}:${peerAccountId}`,
        );
        await prelude?.(tx); // before the keys are loaded, in the same transaction
        return this.run(tx, device, this.selection(peerAccountId, scope), fn);
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
  }

  /**
   * One operation for many peers at once — the send path's batch, with everything it writes (docs/business.md, "The
   * business device"). One transaction holds every (device, peer) lock, taken in hash order so two batches cannot
   * deadlock, for the whole of `fn`: the encryption, the hand-over to the core and the caller's own writes in `tx`.
   * The state is read through this worker's KeyCache (row versions from Postgres, values only where they changed) and
   * sealed write-behind: after `fn`, in the same commit as the caller's writes. A crash before that commit leaves the
   * old state and the caller's rows as they were, so the retry encrypts the same messages again at the same chain
   * positions, and the core, which keeps the first copy of a client message id, stores and delivers them once.
   */
  async withPeers<T>(
    device: BusinessDeviceRef,
    peers: Map<string, number[]>,
    fn: (crypto: DeviceCrypto, tx: Prisma.TransactionClient) => Promise<T>,
  ): Promise<T> {
    const { accountId } = device;
    const locks = [...peers.keys()].map((peer) => `business-device:${accountId}:${peer}`);
    const exact = [...OWN];
    for (const [peer, deviceIds] of peers)
      for (const id of deviceIds) exact.push(`signal:session:${peer}.${id}`, `signal:remote-identity:${peer}.${id}`);
    const committed = new Map<string, CachedKey | undefined>();
    const result = await this.prisma.client.$transaction(
      async (tx) => {
        await tx.$queryRawUnsafe(
          `SELECT count(pg_advisory_xact_lock(h)) FROM (
             SELECT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY 1 OFFSET 0) AS s`,
          locks,
        );
        const cached = new Map<string, CachedKey>();
        for (const key of exact) {
          const hit = this.cache.get(accountId, key);
          if (hit) cached.set(key, hit);
          committed.set(key, undefined); // absent unless read or written below
        }
        const known = new Map([...cached].map(([key, hit]) => [key, hit.version] as const));
        const data = new Map<string, string>();
        for (const row of await this.keys.loadVersions(tx, accountId, exact, known)) {
          const value = row.value ?? cached.get(row.key)!.value; // no value: the version is the cached one
          data.set(row.key, value);
          committed.set(row.key, { value, version: row.version });
        }
        const storage = new SealedStorage(data);
        const out = await fn(
          new DeviceCrypto({ accountId, deviceId: device.deviceId }, storage, this.rest(device)),
          tx,
        );
        const changes = storage.changes();
        const versions = await this.keys.save(tx, accountId, changes);
        for (const [key, value] of changes.upserts) committed.set(key, { value, version: versions.get(key)! });
        for (const key of changes.deletes) committed.set(key, undefined);
        return out;
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    for (const [key, entry] of committed) {
      if (entry) this.cache.set(accountId, key, entry);
      else this.cache.delete(accountId, key);
    }
    return result;
  }

  /**
   * A device's first keys (provisioning): whatever an earlier, half-done provisioning left is deleted in the same
   * transaction that writes the new state (deleted in another, uncommitted one, the new writes would wait on it).
   */
  withNewDevice<T>(device: BusinessDeviceRef, fn: (crypto: DeviceCrypto) => Promise<T>): Promise<T> {
    return this.withPeer(device, device.accountId, 'all', fn, (tx) => this.keys.deleteAll(tx, device.accountId));
  }

  /** With the whole state loaded (provisioning, key top-ups), under the device's own lock. */
  withDevice<T>(device: BusinessDeviceRef, fn: (crypto: DeviceCrypto) => Promise<T>): Promise<T> {
    return this.withPeer(device, device.accountId, 'all', fn);
  }

  private selection(peerAccountId: string, scope: CryptoScope): KeySelection {
    const peer = [`signal:session:${peerAccountId}.`, `signal:remote-identity:${peerAccountId}.`];
    if (scope === 'all') return { exact: [], prefixes: ['signal:'] };
    return { exact: OWN, prefixes: [...OWN_PREFIXES, ...peer, ...(scope === 'prekeys' ? PREKEY_PREFIXES : [])] };
  }

  private async run<T>(
    tx: RawClient,
    device: BusinessDeviceRef,
    select: KeySelection,
    fn: (crypto: DeviceCrypto) => Promise<T>,
  ): Promise<T> {
    const storage = new SealedStorage(await this.keys.load(tx, device.accountId, select));
    const crypto = new DeviceCrypto(
      { accountId: device.accountId, deviceId: device.deviceId },
      storage,
      this.rest(device),
    );
    const result = await fn(crypto);
    await this.keys.save(tx, device.accountId, storage.changes());
    return result;
  }

  /** The three calls DeviceCrypto makes of the REST client, answered by the core's services in this process. */
  private rest(device: BusinessDeviceRef): RestClient {
    const self = { accountId: device.accountId, deviceId: device.deviceId };
    const rest: Pick<RestClient, 'fetchBundles' | 'uploadKeys' | 'keyCounts'> = {
      fetchBundles: async (accountId, deviceId) => {
        try {
          return (await this.bundles.fetchTrusted({ account_id: accountId, device_id: deviceId })) as never;
        } catch (err) {
          if (err instanceof ApiError && err.status === 404) throw new ApiRequestError(404, undefined, err.message, {});
          throw err;
        }
      },
      uploadKeys: async (keys: KeyUpload) => this.uploads.upload(self, uploadKeysInput.parse(keys)),
      keyCounts: async () => this.uploads.counts(self),
    };
    return rest as RestClient;
  }
}
