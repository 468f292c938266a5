import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PrismaService } from '@switchboard/platform';
import type { AuthenticatedDevice } from '../auth/device-auth.service';
import { CoreErrors } from '../common/core-errors';
import { PRIMARY_DEVICE_ID } from '../devices/devices.service';
import { ApiError } from '../errors/api-error';
import type { DisablePinInput, SetPinInput } from './inputs/pin.input';
import { hashPin, pinMatches } from './pin-hash';
import { lockoutSeconds } from './pin-lockout';

type Attempt = { ok: true } | { ok: false; error: ApiError };

/** Two-step verification: the PIN that guards re-registering a number on a new primary device. */
@Injectable()
export class PinService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async status(device: AuthenticatedDevice): Promise<{ enabled: boolean }> {
    const account = await this.prisma.client.account.findUniqueOrThrow({
      where: { id: device.accountId },
      select: { pinHash: true },
    });
    return { enabled: account.pinHash !== null };
  }

  /** Sets the PIN, or changes it (then the current PIN is needed: a borrowed unlocked phone must not lock you out). */
  async set(device: AuthenticatedDevice, input: SetPinInput): Promise<{ enabled: true }> {
    if (device.deviceId !== PRIMARY_DEVICE_ID) throw CoreErrors.primaryOnly('change the two-step verification PIN');
    const { pinHash } = await this.prisma.client.account.findUniqueOrThrow({ where: { id: device.accountId } });
    if (pinHash) {
      if (!input.current_pin) throw ApiError.invalidParameter('current_pin: required to change the PIN');
      await this.verify(device.accountId, input.current_pin);
    }
    await this.prisma.client.account.update({
      where: { id: device.accountId },
      data: { pinHash: await hashPin(input.pin, this.config.secretKey), pinFailedAttempts: 0, pinLockedUntil: null },
    });
    return { enabled: true };
  }

  async disable(device: AuthenticatedDevice, input: DisablePinInput): Promise<void> {
    if (device.deviceId !== PRIMARY_DEVICE_ID) throw CoreErrors.primaryOnly('turn off two-step verification');
    await this.verify(device.accountId, input.pin);
    await this.prisma.client.account.update({
      where: { id: device.accountId },
      data: { pinHash: null, pinFailedAttempts: 0, pinLockedUntil: null },
    });
  }

  /** Registration on a new primary: nothing to check without a PIN; with one, it must be given and right. */
  async verifyForRegistration(accountId: string, pin: string | undefined): Promise<void> {
    if (pin === undefined) throw CoreErrors.pinRequired();
    await this.verify(accountId, pin);
  }

  /**
   * Checks a PIN under the account's row lock, so parallel guesses are judged one after another against the same
   * counter and lockout. Counters are committed before the error is thrown (throwing inside would roll them back).
   */
  private async verify(accountId: string, pin: string): Promise<void> {
    const attempt = await this.prisma.client.$transaction(
      async (tx): Promise<Attempt> => {
        const [row] = await tx.$queryRaw<{ pinHash: string | null; failures: number; lockedUntil: Date | null }[]>`
          SELECT "pinHash", "pinFailedAttempts" AS failures, "pinLockedUntil" AS "lockedUntil"
          FROM "Account" WHERE "id" = ${accountId}::uuid FOR UPDATE`;
        if (!row?.pinHash) return { ok: false, error: CoreErrors.pinNotSet() };
        const now = Date.now();
        if (row.lockedUntil && row.lockedUntil.getTime() > now) {
          return { ok: false, error: CoreErrors.pinLocked(Math.ceil((row.lockedUntil.getTime() - now) / 1000)) };
        }
        if (await pinMatches(pin, row.pinHash, this.config.secretKey)) {
          if (row.failures) {
            await tx.account.update({ where: { id: accountId }, data: { pinFailedAttempts: 0, pinLockedUntil: null } });
          }
          return { ok: true };
        }
        const failures = row.failures + 1;
        const lock = lockoutSeconds(failures, this.config.core.pin);
        await tx.account.update({
          where: { id: accountId },
          data: { pinFailedAttempts: failures, pinLockedUntil: lock ? new Date(now + lock * 1000) : null },
        });
        const left = this.config.core.pin.freeAttempts - failures;
        const error = CoreErrors.pinMismatch(
          lock ? `locked for ${lock} s` : `${left} attempt(s) left before a lockout`,
        );
        return { ok: false, error };
      },
      { timeout: 15_000, maxWait: 15_000 },
    );
    if (!attempt.ok) throw attempt.error;
  }
}
