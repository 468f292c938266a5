import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import { DevicesService } from '../devices/devices.service';
import type { RegisterInput } from './inputs/verification.input';
import { PinService } from './pin.service';
import { VerificationService } from './verification.service';

export interface Registration {
  account_id: string;
  device_id: number;
  password: string;
  number: string;
  reregistered: boolean;
}

/** Verifying a code registers the number on this device as its new primary. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly verification: VerificationService,
    private readonly pins: PinService,
    private readonly devices: DevicesService,
    private readonly prisma: PrismaService,
  ) {}

  async register(input: RegisterInput, client: string): Promise<Registration> {
    // Code first: only someone holding the number may even try the PIN. The code survives a missing or wrong PIN
    // (until it expires or is used), so the owner can retry with the PIN without a new SMS.
    await this.verification.check(input.number, input.code, client);
    const account = await this.prisma.client.account.findUnique({
      where: { number: input.number },
      select: { id: true, pinHash: true },
    });
    if (account?.pinHash) await this.pins.verifyForRegistration(account.id, input.pin);
    await this.verification.consume(input.number, input.code);
    const device = await this.devices.registerPrimary(input.number, input.name);
    return {
      account_id: device.accountId,
      device_id: device.deviceId,
      password: device.password,
      number: input.number,
      reregistered: device.reregistered,
    };
  }
}
