import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PrismaService } from '@switchboard/platform';
import type { AuthenticatedDevice } from '../auth/device-auth.service';
import { CoreErrors } from '../common/core-errors';
import { ApiError } from '../errors/api-error';
import type { UploadKeysInput } from './inputs/upload-keys.input';
import { checkEcKey, checkSignedEcKey, checkSignedKemKey, parseIdentity } from './key-checks';
import type { KeyCountsOutput } from './outputs/keys.output';
import { PreKeyRepository } from './prekey.repository';
import { PreKeysLowStore } from './prekeys-low.store';

/** A device holds at most this many unused one-time keys of each kind; more is a client bug, not a need. */
export const MAX_STORED_PER_KIND = 1000;

/** A device publishing its keys: identity once, signed keys whenever it rotates them, one-time keys in batches. */
@Injectable()
export class KeyUploadService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly prekeys: PreKeyRepository,
    private readonly lowMarks: PreKeysLowStore,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async upload(device: AuthenticatedDevice, input: UploadKeysInput): Promise<KeyCountsOutput> {
    const where = { accountId_deviceId: { accountId: device.accountId, deviceId: device.deviceId } };
    const stored = await this.prisma.client.device.findUnique({ where });
    if (!stored) throw CoreErrors.unauthorized('the device was unlinked'); // between authentication and now
    const identityBytes = pick(stored.identityKey, input.identity_key, 'identity_key', sameBytes);
    const registrationId = pick(stored.registrationId, input.registration_id, 'registration_id', Object.is);
    if (!stored.signedPreKey && !input.signed_pre_key) throw required('signed_pre_key');
    if (!stored.lastResortKyberKey && !input.kyber_last_resort_pre_key) throw required('kyber_last_resort_pre_key');

    const identity = parseIdentity(identityBytes, 'identity_key');
    const spk = input.signed_pre_key;
    const lastResort = input.kyber_last_resort_pre_key;
    if (spk) checkSignedEcKey(identity, spk.public_key, spk.signature, 'signed_pre_key');
    if (lastResort) {
      checkSignedKemKey(identity, lastResort.public_key, lastResort.signature, 'kyber_last_resort_pre_key');
    }
    for (const [i, k] of (input.pre_keys ?? []).entries()) checkEcKey(k.public_key, `pre_keys[${i}].public_key`);
    for (const [i, k] of (input.kyber_pre_keys ?? []).entries()) {
      checkSignedKemKey(identity, k.public_key, k.signature, `kyber_pre_keys[${i}]`);
    }

    const { accountId, deviceId } = device;
    await this.prisma.client.$transaction(async (tx) => {
      // Conditional on the identity still being unset or the same, so two racing first uploads cannot both win.
      const { count } = await tx.device.updateMany({
        where: { accountId, deviceId, OR: [{ identityKey: null }, { identityKey: identityBytes }] },
        data: {
          identityKey: identityBytes,
          registrationId,
          ...(spk && {
            signedPreKeyId: spk.key_id,
            signedPreKey: spk.public_key,
            signedPreKeySignature: spk.signature,
          }),
          ...(lastResort && {
            lastResortKyberId: lastResort.key_id,
            lastResortKyberKey: lastResort.public_key,
            lastResortKyberSignature: lastResort.signature,
          }),
        },
      });
      if (!count) throw CoreErrors.identityMismatch('identity_key');
      // Ids already present are kept as they are: a retried upload must not fail or swap keys under a sender.
      await tx.oneTimePreKey.createMany({
        data: (input.pre_keys ?? []).map((k) => ({ accountId, deviceId, keyId: k.key_id, publicKey: k.public_key })),
        skipDuplicates: true,
      });
      await tx.kyberPreKey.createMany({
        data: (input.kyber_pre_keys ?? []).map((k) => ({
          accountId,
          deviceId,
          keyId: k.key_id,
          publicKey: k.public_key,
          signature: k.signature,
        })),
        skipDuplicates: true,
      });
      const preKeys = await tx.oneTimePreKey.count({ where: { accountId, deviceId } });
      const kyberPreKeys = await tx.kyberPreKey.count({ where: { accountId, deviceId } });
      if (preKeys > MAX_STORED_PER_KIND || kyberPreKeys > MAX_STORED_PER_KIND) {
        throw ApiError.invalidParameter(`pre_keys: at most ${MAX_STORED_PER_KIND} unused keys of each kind per device`);
      }
    });
    // New one-time keys: the device is no longer told it runs low (a fetch that finds it low again says so again). A
    // mark left behind (Redis away) costs one needless notice at a connect, which the SDK answers by checking counts.
    if (input.pre_keys?.length || input.kyber_pre_keys?.length)
      await this.lowMarks.clear(device).catch(() => undefined);
    return this.counts(device);
  }

  async counts(device: AuthenticatedDevice): Promise<KeyCountsOutput> {
    const { preKeys, kyberPreKeys } = await this.prekeys.counts(device.accountId, device.deviceId);
    const threshold = this.config.core.keys.lowThreshold;
    return {
      pre_keys: preKeys,
      kyber_pre_keys: kyberPreKeys,
      low: preKeys < threshold || kyberPreKeys < threshold,
      low_threshold: threshold,
    };
  }
}

/** The stored value wins; a different one in the request is an identity change, refused; neither is a missing field. */
function pick<T>(stored: T | null, given: T | undefined, field: string, same: (a: T, b: T) => boolean): T {
  if (stored !== null) {
    if (given !== undefined && !same(stored, given)) throw CoreErrors.identityMismatch(field);
    return stored;
  }
  if (given === undefined) throw required(field);
  return given;
}

const required = (field: string) => ApiError.invalidParameter(`${field}: required on the device's first upload`);
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;
