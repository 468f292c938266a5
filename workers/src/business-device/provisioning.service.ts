import { Injectable, Logger } from '@nestjs/common';
import { DevicesService } from '@switchboard/core/devices/devices.service';
import { ConnectionSlots, PrismaService } from '@switchboard/platform';
import { BusinessCrypto, type BusinessDeviceRef } from './business-crypto';

/** Another process is provisioning the number right now: retry shortly (its device will be there). */
export class ProvisioningBusyError extends Error {
  constructor(phoneNumberId: string) {
    super(`number ${phoneNumberId} is being provisioned by another process`);
  }
}

/** Numbers provisioned per sweep (every 5 s in every worker). */
const PROVISION_PER_SWEEP = 10;
/**
 * Provisionings at once in a process. Each holds a pooled connection for its transaction and needs more inside it
 * (registration, key upload): ten new numbers' jobs at once once held all ten of the pool's connections and waited on
 * each other until their transactions timed out.
 */
const CONCURRENT_PROVISIONINGS = 4;

/**
 * Makes a business number a core account with a primary device whose keys live here (a business number is an account
 * in the core: ARCHITECTURE.md, "Design decisions").
 * The trusted internal path: `DevicesService.registerPrimary` — the same call an SMS-verified registration ends in,
 * without the code, because the business layer already owns the number. The device's random password is dropped on
 * the floor: nobody logs in as a business device; it works in-process (SendService, ReceiptService, the mailbox).
 * Registering a number that already was a consumer account re-registers it (its old devices are removed), as moving
 * a number to the Cloud API does.
 */
@Injectable()
export class ProvisioningService {
  private readonly log = new Logger('BusinessDeviceProvisioning');
  private readonly cache = new Map<string, BusinessDeviceRef>();
  private readonly inFlight = new Map<string, Promise<BusinessDeviceRef>>();
  private readonly slots = new ConnectionSlots(CONCURRENT_PROVISIONINGS);

  constructor(
    private readonly prisma: PrismaService,
    private readonly devices: DevicesService,
    private readonly crypto: BusinessCrypto,
  ) {}

  /**
   * The number's device, provisioning it on first use. One lookup per number at a time in this process: a batch's
   * conversations all ask at once, and each waiting on its own connection once exhausted the pool the provisioning
   * itself needed.
   */
  device(phoneNumberId: string): Promise<BusinessDeviceRef> {
    const cached = this.cache.get(phoneNumberId);
    if (cached) return Promise.resolve(cached);
    let pending = this.inFlight.get(phoneNumberId);
    if (!pending) {
      pending = this.lookUp(phoneNumberId).finally(() => this.inFlight.delete(phoneNumberId));
      this.inFlight.set(phoneNumberId, pending);
    }
    return pending;
  }

  /** Every provisioned device (the inbound drainer's list). */
  async all(): Promise<BusinessDeviceRef[]> {
    const rows = await this.prisma.client.businessDevice.findMany();
    return rows.map((r) => ({ phoneNumberId: r.phoneNumberId, accountId: r.accountId, deviceId: r.deviceId }));
  }

  /**
   * Numbers added since the last sweep get their device (so consumers can write to them before any send): newest
   * first, a few per sweep. Each costs a registration and a key generation (CPU-heavy in this process): a backlog of
   * hundreds, taken in no order, kept a just-added number waiting for minutes and starved the worker's jobs.
   */
  async provisionMissing(): Promise<number> {
    const numbers = await this.prisma.client.businessNumber.findMany({
      where: { accountId: null },
      select: { id: true },
      orderBy: { createdAt: 'desc' },
      take: PROVISION_PER_SWEEP,
    });
    let provisioned = 0;
    for (const n of numbers) {
      try {
        if (await this.provisionUnlessBusy(n.id)) provisioned++;
      } catch (err) {
        // The next sweep (or the number's job, or its first send) tries again.
        this.log.warn(`provisioning ${n.id}: ${(err as Error).message}`);
      }
    }
    return provisioned;
  }

  /**
   * The number's device, or undefined when another process is provisioning it right now (it finishes the work, or its
   * death leaves the number to the sweep): the `devices.provision` job's and the sweep's call.
   */
  async provisionUnlessBusy(phoneNumberId: string): Promise<BusinessDeviceRef | undefined> {
    try {
      return await this.device(phoneNumberId);
    } catch (err) {
      if (err instanceof ProvisioningBusyError) return undefined;
      throw err;
    }
  }

  /** Tops up one-time prekeys when the core says the device runs low (sessions with new consumers spend them). */
  async replenish(device: BusinessDeviceRef): Promise<void> {
    await this.crypto.withDevice(device, (c) => c.replenishKeys());
  }

  private async lookUp(phoneNumberId: string): Promise<BusinessDeviceRef> {
    const existing = await this.prisma.client.businessDevice.findUnique({ where: { phoneNumberId } });
    const ref = existing ?? (await this.provision(phoneNumberId));
    const out = { phoneNumberId, accountId: ref.accountId, deviceId: ref.deviceId };
    this.cache.set(phoneNumberId, out);
    return out;
  }

  // Serialized per number across processes by a lock that is tried, never waited for: the holder's transaction needs
  // more connections (registration, key upload), and waiters holding theirs could starve it. Whoever finds the lock
  // taken gets ProvisioningBusyError and retries later. A crash half-way leaves no BusinessDevice row, and the retry
  // re-registers the account (dropping the half-made device) before publishing fresh keys.
  private provision(phoneNumberId: string): Promise<BusinessDeviceRef> {
    return this.slots.run(() => this.inTransaction(phoneNumberId));
  }

  private async inTransaction(phoneNumberId: string): Promise<BusinessDeviceRef> {
    return this.prisma.client.$transaction(
      async (tx) => {
        const [lock] = await tx.$queryRawUnsafe<{ got: boolean }[]>(
          'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS got',
          `business-device-provision:${phoneNumberId}`,
        );
        if (!lock?.got) throw new ProvisioningBusyError(phoneNumberId);
        const done = await tx.businessDevice.findUnique({ where: { phoneNumberId } });
        if (done) return { phoneNumberId, accountId: done.accountId, deviceId: done.deviceId };
        const number = await tx.businessNumber.findUniqueOrThrow({ where: { id: phoneNumberId } });
        const issued = await this.devices.registerPrimary(number.phoneNumber, `business ${phoneNumberId}`);
        const ref = { phoneNumberId, accountId: issued.accountId, deviceId: issued.deviceId };
        await this.crypto.withNewDevice(ref, (c) => c.publishKeys());
        await tx.businessDevice.create({ data: { phoneNumberId, accountId: ref.accountId, deviceId: ref.deviceId } });
        await tx.businessNumber.update({ where: { id: phoneNumberId }, data: { accountId: ref.accountId } });
        this.log.log(`provisioned ${phoneNumberId} as account ${ref.accountId}`);
        return ref;
      },
      { timeout: 60_000, maxWait: 60_000 },
    );
  }
}
