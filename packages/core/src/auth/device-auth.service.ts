import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PrismaService } from '@switchboard/platform';
import { CoreErrors } from '../common/core-errors';
import { AuthThrottle } from './auth-throttle';
import { credentialMatches, parseBasicAuthorization } from './credentials';

/** Who is calling: the device a credential belongs to. */
export interface AuthenticatedDevice {
  accountId: string;
  deviceId: number;
}

/**
 * Checks device credentials for REST (through DeviceAuthGuard) and for the WebSocket gateway (which calls
 * `authenticate` with the Authorization header or the `?auth=` value during the upgrade).
 */
@Injectable()
export class DeviceAuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly throttle: AuthThrottle,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /**
   * Throws ApiError 401 (code 190) on a missing, malformed, wrong or unlinked credential, and 429 when `source` (the
   * caller's address) has failed too often lately (AuthThrottle).
   */
  async authenticate(header: string | undefined, source?: string): Promise<AuthenticatedDevice> {
    const credentials = parseBasicAuthorization(header);
    if (!credentials) throw CoreErrors.unauthorized();
    const { accountId, deviceId, password } = credentials;
    const gate = await this.throttle.gate(source, header!);
    const device =
      gate === 'lookup'
        ? await this.prisma.client.device.findUnique({
            where: { accountId_deviceId: { accountId, deviceId } },
            select: { credentialHash: true },
          })
        : null;
    // Same answer for "no such device" and "wrong password": a caller learns nothing about which devices exist.
    if (!device || !credentialMatches(this.config.secretKey, password, device.credentialHash)) {
      await this.throttle.failed(source, header!);
      throw CoreErrors.unauthorized();
    }
    return { accountId, deviceId };
  }
}
