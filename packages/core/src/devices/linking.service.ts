import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import type { AuthenticatedDevice } from '../auth/device-auth.service';
import { CoreErrors } from '../common/core-errors';
import { RateLimiter } from '../common/rate-limiter.service';
import { ApiError } from '../errors/api-error';
import type { IssuedDevice } from './device.store';
import { DevicesService, PRIMARY_DEVICE_ID } from './devices.service';
import type { ApproveLinkInput, CompleteLinkInput } from './inputs/linking.input';
import { LinkCodeStore } from './link-code.store';

/**
 * Linking a companion, as WhatsApp does: the new device asks for a code and shows it (a QR code in a real client), the
 * primary approves it, the new device completes and receives its device id and credential.
 */
@Injectable()
export class LinkingService {
  constructor(
    private readonly codes: LinkCodeStore,
    private readonly devices: DevicesService,
    private readonly limiter: RateLimiter,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async start(client: string): Promise<{ link_code: string; link_secret: string; expires_in_s: number }> {
    const { linkCodeTtlSeconds, linkRequestsPerClientPerHour } = this.config.core.devices;
    await this.limiter.hit(
      { name: 'link_requests_per_client', max: linkRequestsPerClientPerHour, windowSeconds: 3600 },
      client,
    );
    const { code, secret } = await this.codes.create(linkCodeTtlSeconds);
    return { link_code: code, link_secret: secret, expires_in_s: linkCodeTtlSeconds };
  }

  async approve(primary: AuthenticatedDevice, input: ApproveLinkInput): Promise<void> {
    if (primary.deviceId !== PRIMARY_DEVICE_ID) throw CoreErrors.primaryOnly('approve linking a device');
    // Checked again when the device completes; checking now tells the person at the primary right away.
    const registration = await this.devices.checkCompanionSlot(primary.accountId);
    const result = await this.codes.approve(input.link_code, primary.accountId, registration);
    if (result !== 'approved') throw ApiError.notFound('linking code');
  }

  async complete(input: CompleteLinkInput): Promise<{ account_id: string; device_id: number; password: string }> {
    const result = await this.codes.complete(input.link_code, input.link_secret);
    if (result.status !== 'linked') {
      throw result.status === 'pending' ? CoreErrors.linkPending() : ApiError.notFound('linking code');
    }
    const device: IssuedDevice = await this.devices.addCompanion(result.accountId, result.registration, input.name);
    return { account_id: device.accountId, device_id: device.deviceId, password: device.password };
  }
}
