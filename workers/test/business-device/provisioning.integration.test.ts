import { randomBytes, randomInt } from 'node:crypto';
import { GraphIds } from '@switchboard/business/common/ids';
import { DevicesService } from '@switchboard/core/devices/devices.service';
import { PrismaService } from '@switchboard/platform';
import { type BusinessStack, startBusinessStack } from '@switchboard/testkit/business/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusinessCrypto } from '../../src/business-device/business-crypto';
import { ProvisioningBusyError, ProvisioningService } from '../../src/business-device/provisioning.service';

// Provisioning a business number's device (docs/business.md, "The business device"): many callers at once, in one
// process and several, and a retry after a provisioning that died half-way. Both used to stall: waiters each held a
// pool connection the holder needed, and the retry's key writes waited on its own uncommitted delete.
describe('business device provisioning', () => {
  let stack: BusinessStack;
  let provisioning: ProvisioningService;

  beforeAll(async () => {
    // No sweep and no outbox here: the test's own calls are the only provisioning in this process.
    stack = await startBusinessStack({ worker: true, env: { BUSINESS_DEVICE: 'off' } });
    provisioning = stack.workers!.get(ProvisioningService);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** A number added behind the API's back (no devices.provision job), as a lost job leaves it. */
  async function unprovisionedNumber(): Promise<string> {
    const biz = await stack.business();
    const id = await stack.api.app.get(GraphIds).newGraphId();
    await stack.prisma.businessNumber.create({
      data: {
        id,
        businessId: biz.id,
        phoneNumber: `+1556${String(randomInt(0, 10_000_000)).padStart(7, '0')}`,
        verifiedName: `Test ${randomBytes(2).toString('hex')}`,
      },
    });
    return id;
  }

  /** A second service, as another process has: its own cache and in-flight map, its own lock attempts, one database. */
  const anotherService = () =>
    new ProvisioningService(
      stack.workers!.get(PrismaService),
      stack.workers!.get(DevicesService),
      stack.workers!.get(BusinessCrypto),
    );

  // Other test files' workers sweep the same database and may hold a number for a moment: busy is retried.
  async function untilNotBusy<T>(run: () => Promise<T>): Promise<T> {
    for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 100))) {
      try {
        return await run();
      } catch (err) {
        if (!(err instanceof ProvisioningBusyError) || Date.now() > deadline) throw err;
      }
    }
  }

  it('gives forty callers at once, through two services (as two processes have), one account and one device', async () => {
    const id = await unprovisionedNumber();
    const other = anotherService();
    const refs = await Promise.all(
      Array.from({ length: 40 }, (_, i) => untilNotBusy(() => (i % 2 ? other : provisioning).device(id))),
    );
    expect(new Set(refs.map((r) => r.accountId)).size).toBe(1);
    expect(await stack.prisma.businessDevice.count({ where: { phoneNumberId: id } })).toBe(1);
    const number = await stack.prisma.businessNumber.findUniqueOrThrow({ where: { id } });
    expect(number.accountId).toBe(refs[0]!.accountId);
    expect(await stack.prisma.businessDeviceKey.count({ where: { accountId: number.accountId! } })).toBeGreaterThan(2);
  }, 60_000);

  it('provisions twelve new numbers at once in one process (more than its pool has connections)', async () => {
    // Each provisioning holds a connection for its transaction and needs more inside it: twelve at once used to take
    // all ten of the pool's connections and wait on each other until their transactions timed out (60 s).
    const ids = await Promise.all(Array.from({ length: 12 }, () => unprovisionedNumber()));
    const refs = await Promise.all(ids.map((id) => untilNotBusy(() => provisioning.device(id))));
    expect(new Set(refs.map((r) => r.accountId)).size).toBe(12);
    expect(await stack.prisma.businessDevice.count({ where: { phoneNumberId: { in: ids } } })).toBe(12);
  }, 50_000);

  it('finishes a provisioning that died after publishing keys, with fresh keys', async () => {
    const id = await unprovisionedNumber();
    const first = await untilNotBusy(() => provisioning.device(id));
    const before = await stack.prisma.businessDeviceKey.findFirstOrThrow({
      where: { accountId: first.accountId, key: 'signal:identity' },
    });
    // What a crash between the key upload and the last writes leaves: keys, but no device row and no account id.
    await stack.prisma.businessDevice.delete({ where: { phoneNumberId: id } });
    await stack.prisma.businessNumber.update({ where: { id }, data: { accountId: null } });

    const fresh = anotherService();
    const again = await untilNotBusy(() => fresh.device(id));
    expect(again.accountId).toBe(first.accountId); // the same number re-registers the same account
    const after = await stack.prisma.businessDeviceKey.findFirstOrThrow({
      where: { accountId: again.accountId, key: 'signal:identity' },
    });
    expect(Buffer.from(after.value).equals(Buffer.from(before.value))).toBe(false);
    expect((await stack.prisma.businessNumber.findUniqueOrThrow({ where: { id } })).accountId).toBe(again.accountId);
  }, 60_000);
});
