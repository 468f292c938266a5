import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import type { DeviceRef } from '../devices/device-events';

// Only the two key columns: callers pass richer device objects (an authenticated device, credentials).
const ref = (d: DeviceRef): DeviceRef => ({ accountId: d.accountId, deviceId: d.deviceId });

export type PushProviderKind = 'webpush' | 'fcm' | 'apns';

/** A device's push registration as the providers need it. */
export interface PushTarget {
  provider: PushProviderKind;
  endpoint: string;
  p256dh: string | null;
  auth: string | null;
}

/** The PushSubscription rows: one per device, gone with the device (cascade). */
@Injectable()
export class PushRepository {
  constructor(private readonly prisma: PrismaService) {}

  async save(device: DeviceRef, target: PushTarget): Promise<void> {
    await this.prisma.client.pushSubscription.upsert({
      where: { accountId_deviceId: ref(device) },
      create: { ...ref(device), ...target },
      update: target,
    });
  }

  async remove(device: DeviceRef): Promise<void> {
    await this.prisma.client.pushSubscription.deleteMany({ where: ref(device) });
  }

  /** Drops a registration the provider called dead, unless the device replaced it meanwhile. */
  async removeIfStill(device: DeviceRef, endpoint: string): Promise<boolean> {
    const { count } = await this.prisma.client.pushSubscription.deleteMany({ where: { ...ref(device), endpoint } });
    return count > 0;
  }

  find(device: DeviceRef): Promise<PushTarget | null> {
    return this.prisma.client.pushSubscription.findUnique({
      where: { accountId_deviceId: ref(device) },
      select: { provider: true, endpoint: true, p256dh: true, auth: true },
    }) as Promise<PushTarget | null>;
  }
}
