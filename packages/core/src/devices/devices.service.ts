import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PrismaService } from '@switchboard/platform';
import type { AuthenticatedDevice } from '../auth/device-auth.service';
import { CoreErrors } from '../common/core-errors';
import { ApiError } from '../errors/api-error';
import { ACTIVE_DEVICE_WHERE, isActiveDevice } from './active-device';
import { DeviceStore, type IssuedDevice } from './device.store';
import { DeviceEvents } from './device-events';

export const PRIMARY_DEVICE_ID = 1;

export interface DeviceSummary {
  device_id: number;
  name: string | null;
  primary: boolean;
  has_keys: boolean;
  created_at: string;
}

/** The devices of an account: who they are, which can receive, and how they come and go. */
@Injectable()
export class DevicesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly store: DeviceStore,
    private readonly events: DeviceEvents,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /**
   * The devices a message to `accountId` must be encrypted for (docs/core.md). Only devices that have uploaded keys:
   * nobody can start a session with the others, so a send cannot be required to include them.
   */
  async activeDevices(accountId: string): Promise<{ deviceId: number; registrationId: number }[]> {
    const rows = await this.prisma.client.device.findMany({
      where: { accountId, ...ACTIVE_DEVICE_WHERE },
      select: { deviceId: true, registrationId: true },
      orderBy: { deviceId: 'asc' },
    });
    return rows.map((r) => ({ deviceId: r.deviceId, registrationId: r.registrationId! }));
  }

  async list(accountId: string): Promise<{ devices: DeviceSummary[] }> {
    const rows = await this.prisma.client.device.findMany({
      where: { accountId },
      select: {
        deviceId: true,
        name: true,
        createdAt: true,
        registrationId: true,
        lastResortKyberKey: true,
        signedPreKey: true,
      },
      orderBy: { deviceId: 'asc' },
    });
    return {
      devices: rows.map((r) => ({
        device_id: r.deviceId,
        name: r.name,
        primary: r.deviceId === PRIMARY_DEVICE_ID,
        has_keys: isActiveDevice(r),
        created_at: r.createdAt.toISOString(),
      })),
    };
  }

  /**
   * Registers `number` on a new primary device. An existing account keeps its id (contacts know it by that) but loses
   * every device: their keys are deleted with them, and their queues and sockets are dropped (DeviceEvents) before the
   * new primary gets its credential, so nothing addressed to the new device can be purged.
   */
  async registerPrimary(number: string, name?: string): Promise<IssuedDevice & { reregistered: boolean }> {
    const { issued, removed, reregistered } = await this.store.replaceWithPrimary(number, name);
    await this.events.emitRemoved(removed.map((deviceId) => ({ accountId: issued.accountId, deviceId })));
    return { ...issued, reregistered };
  }

  /**
   * Adds a companion under the configured cap, checked under the account's row lock so links cannot race past it.
   * `registration` is what checkCompanionSlot returned when the primary approved: a link approved by a primary that
   * has since been replaced (the number re-registered) is void, or whoever held the old phone could keep a foothold.
   */
  addCompanion(accountId: string, registration: number, name?: string): Promise<IssuedDevice> {
    return this.store.addCompanion(accountId, registration, this.config.core.devices.maxCompanions, name);
  }

  /** Throws when the account has no room for another companion; returns its current registration (epoch ms). */
  async checkCompanionSlot(accountId: string): Promise<number> {
    const max = this.config.core.devices.maxCompanions;
    const [account, companions] = await Promise.all([
      this.prisma.client.account.findUniqueOrThrow({ where: { id: accountId }, select: { registeredAt: true } }),
      this.prisma.client.device.count({ where: { accountId, deviceId: { not: PRIMARY_DEVICE_ID } } }),
    ]);
    if (companions >= max) throw CoreErrors.companionLimit(max);
    return account.registeredAt.getTime();
  }

  /** The primary may unlink any companion; a companion only itself. The primary leaves only by re-registration. */
  async unlink(requester: AuthenticatedDevice, deviceId: number): Promise<void> {
    if (deviceId === PRIMARY_DEVICE_ID) {
      throw ApiError.invalidParameter('device_id: the primary device cannot be unlinked; re-register the number');
    }
    if (requester.deviceId !== PRIMARY_DEVICE_ID && requester.deviceId !== deviceId) {
      throw CoreErrors.forbidden('device_id: a companion device can only unlink itself');
    }
    const { count } = await this.prisma.client.device.deleteMany({
      where: { accountId: requester.accountId, deviceId },
    });
    if (!count) throw ApiError.notFound(`device ${deviceId}`);
    await this.events.emitRemoved([{ accountId: requester.accountId, deviceId }]);
  }
}
