import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, ConnectionSlots, PrismaService } from '@switchboard/platform';
import { hashCredential, newPassword } from '../auth/credentials';
import { CoreErrors } from '../common/core-errors';
import { ApiError } from '../errors/api-error';

/** A device just created, with the password it will authenticate with (returned once, stored only as a hash). */
export interface IssuedDevice {
  accountId: string;
  deviceId: number;
  password: string;
}

const MAX_DEVICE_ID = 127; // libsignal's ProtocolAddress accepts 1..127
// Device-creating transactions at once per process. A burst of registrations (an app launch, a load test) would
// otherwise all open transactions and queue for the pool's connections, each one's deadline running while it waits:
// past the pool, they wait here instead, with no deadline, and each transaction runs quickly once started.
const CONCURRENT_TRANSACTIONS = 4;
const TRANSACTION = { maxWait: 10_000, timeout: 10_000 };

/** The transactions that create devices. Both lock the account row, so registration and linking serialize. */
@Injectable()
export class DeviceStore {
  private readonly slots = new ConnectionSlots(CONCURRENT_TRANSACTIONS);

  constructor(
    private readonly prisma: PrismaService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async replaceWithPrimary(number: string, name?: string) {
    const password = newPassword();
    const credentialHash = hashCredential(this.config.secretKey, password);
    return this.slots.run(() =>
      this.prisma.client.$transaction(async (tx) => {
        const existing = await tx.account.findUnique({ where: { number }, select: { id: true } });
        const account = existing
          ? await tx.account.update({ where: { id: existing.id }, data: { registeredAt: new Date() } })
          : await tx.account.create({ data: { number } });
        await tx.$executeRaw`SELECT 1 FROM "Account" WHERE "id" = ${account.id}::uuid FOR UPDATE`;
        const old = await tx.device.findMany({ where: { accountId: account.id }, select: { deviceId: true } });
        await tx.device.deleteMany({ where: { accountId: account.id } });
        await tx.device.create({ data: { accountId: account.id, deviceId: 1, credentialHash, name } });
        return {
          issued: { accountId: account.id, deviceId: 1, password },
          removed: old.map((d) => d.deviceId),
          reregistered: existing !== null,
        };
      }, TRANSACTION),
    );
  }

  async addCompanion(
    accountId: string,
    registration: number,
    maxCompanions: number,
    name?: string,
  ): Promise<IssuedDevice> {
    const password = newPassword();
    const credentialHash = hashCredential(this.config.secretKey, password);
    return this.slots.run(() =>
      this.prisma.client.$transaction(async (tx) => {
        const [account] = await tx.$queryRaw<{ registeredAt: Date }[]>`
        SELECT "registeredAt" FROM "Account" WHERE "id" = ${accountId}::uuid FOR UPDATE`;
        if (account?.registeredAt.getTime() !== registration) throw ApiError.notFound('linking code');
        const taken = new Set(
          (await tx.device.findMany({ where: { accountId }, select: { deviceId: true } })).map((d) => d.deviceId),
        );
        if (taken.size - (taken.has(1) ? 1 : 0) >= maxCompanions) throw CoreErrors.companionLimit(maxCompanions);
        // The lowest free id: a reused id gets a new registration id, which senders see as stale (410) and refetch.
        let deviceId = 2;
        while (taken.has(deviceId)) deviceId++;
        if (deviceId > MAX_DEVICE_ID) throw CoreErrors.companionLimit(maxCompanions);
        await tx.device.create({ data: { accountId, deviceId, credentialHash, name } });
        return { accountId, deviceId, password };
      }, TRANSACTION),
    );
  }
}
