import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PrismaService } from '@switchboard/platform';
import type { AuthenticatedDevice } from '../auth/device-auth.service';
import { RateLimiter } from '../common/rate-limiter.service';
import { ACTIVE_DEVICE_WHERE } from '../devices/active-device';
import { DeviceEvents } from '../devices/device-events';
import { ApiError } from '../errors/api-error';
import type { BundleParams } from './inputs/upload-keys.input';
import { type BundlesOutput, b64, type DeviceBundleOutput } from './outputs/keys.output';
import { PreKeyRepository } from './prekey.repository';
import { PreKeysLowStore } from './prekeys-low.store';

/** Hands out prekey bundles so a sender can start a session with a device it has never talked to. */
@Injectable()
export class BundlesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly prekeys: PreKeyRepository,
    private readonly limiter: RateLimiter,
    private readonly events: DeviceEvents,
    private readonly lowMarks: PreKeysLowStore,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /**
   * Bundles for one device or all devices of an account, each with fresh one-time keys (never given out twice) while
   * the account's budget lasts. Every fetch burns the target's one-time keys: the requester's budget bounds one
   * stranger, the target's bounds them all together. Past the target's, bundles still come, without one-time keys (no
   * EC prekey, the last-resort Kyber key), as when the keys have run out: sessions still start, the keys last.
   */
  async fetch(requester: AuthenticatedDevice, params: BundleParams): Promise<BundlesOutput> {
    const { bundleFetchesPerMinute, bundleFetchesPerTargetPerMinute } = this.config.core.keys;
    await this.limiter.hit(
      { name: 'key_bundle_fetches', max: bundleFetchesPerMinute, windowSeconds: 60 },
      `${requester.accountId}.${requester.deviceId}`,
    );
    const oneTimeKeys = await this.limiter.allows(
      { name: 'key_bundle_fetches_per_target', max: bundleFetchesPerTargetPerMinute, windowSeconds: 60 },
      params.account_id,
    );
    return this.fetchTrusted(params, oneTimeKeys);
  }

  /**
   * The same without the rate limits: for the server-side business devices (business/device), whose sends are
   * already bounded by the business layer's own limits (throughput, messaging tiers, pair rate).
   */
  async fetchTrusted(params: BundleParams, oneTimeKeys = true): Promise<BundlesOutput> {
    const devices = await this.prisma.client.device.findMany({
      where: {
        accountId: params.account_id,
        ...(params.device_id !== 'all' && { deviceId: params.device_id }),
        ...ACTIVE_DEVICE_WHERE,
      },
      orderBy: { deviceId: 'asc' },
    });
    if (!devices.length) {
      throw ApiError.notFound(
        `keys for ${params.account_id}${params.device_id === 'all' ? '' : `.${params.device_id}`}`,
      );
    }
    const bundles = await Promise.all(devices.map((d) => this.bundle(d, oneTimeKeys)));
    return { account_id: params.account_id, devices: bundles };
  }

  private async bundle(d: DeviceRow, oneTimeKeys: boolean): Promise<DeviceBundleOutput> {
    const [preKey, kyber] = oneTimeKeys
      ? await Promise.all([
          this.prekeys.claimPreKey(d.accountId, d.deviceId),
          this.prekeys.claimKyberPreKey(d.accountId, d.deviceId),
        ])
      : [null, null];
    if (oneTimeKeys) void this.noticeIfLow(d.accountId, d.deviceId);
    return {
      device_id: d.deviceId,
      registration_id: d.registrationId!,
      identity_key: b64(d.identityKey!),
      signed_pre_key: {
        key_id: d.signedPreKeyId!,
        public_key: b64(d.signedPreKey!),
        signature: b64(d.signedPreKeySignature!),
      },
      pre_key: preKey ? { key_id: preKey.keyId, public_key: b64(preKey.publicKey) } : null,
      // No one-time Kyber key left: the last-resort key keeps sessions post-quantum, at the cost of reuse.
      kyber_pre_key: kyber
        ? { key_id: kyber.keyId, public_key: b64(kyber.publicKey), signature: b64(kyber.signature), last_resort: false }
        : {
            key_id: d.lastResortKyberId!,
            public_key: b64(d.lastResortKyberKey!),
            signature: b64(d.lastResortKyberSignature!),
            last_resort: true,
          },
    };
  }

  /** Off the request path: a slow listener must not slow a fetch, and a failure here is only a missed hint. */
  private async noticeIfLow(accountId: string, deviceId: number): Promise<void> {
    try {
      const counts = await this.prekeys.counts(accountId, deviceId);
      const threshold = this.config.core.keys.lowThreshold;
      if (counts.preKeys >= threshold && counts.kyberPreKeys >= threshold) return;
      // Once per run of low keys, however many bundles are fetched meanwhile: the mark stands until the owner uploads.
      if (await this.lowMarks.mark({ accountId, deviceId }, counts)) {
        await this.events.emitPreKeysLow({ accountId, deviceId, ...counts });
      }
    } catch {
      // see above
    }
  }
}

type DeviceRow = Awaited<ReturnType<PrismaService['client']['device']['findMany']>>[number];
