// The send outbox's repository on a database of its own (no other test file's workers claim these rows): claims keep
// a conversation in order, and a release, a retry and a removal do what the consumer counts on.
import { parseConfig } from '@switchboard/config';
import { PrismaService } from '@switchboard/platform';
import { applyMigrations } from '@switchboard/prisma/scripts/migrations';
import { scratchDatabases } from '@switchboard/testkit/databases';
import { SendOutboxRepository } from '@switchboard/workers/business-device/send/send-outbox.repository';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('SendOutboxRepository', () => {
  const databases = scratchDatabases();
  let prisma: PrismaService;
  let outbox: SendOutboxRepository;

  const add = async (waId: string) =>
    (
      await prisma.client.sendOutbox.create({
        data: { kind: 'message', businessId: 'b1', phoneNumberId: 'p1', messageId: 1n, wamid: `w.${waId}`, waId },
      })
    ).id;
  const claimed = async () => (await outbox.claim(100)).map((r) => r.id).sort((a, b) => (a < b ? -1 : 1));

  beforeAll(async () => {
    const url = databases.url('outbox');
    await applyMigrations(url);
    prisma = new PrismaService(parseConfig({ ...process.env, DATABASE_URL: url }));
    outbox = new SendOutboxRepository(prisma);
  }, 60_000);

  afterAll(async () => {
    await prisma?.client.$disconnect();
    await databases.dropAll();
  });

  it('claims each row once, and a conversation only behind its earlier rows', async () => {
    const [a1, a2, a3, b1] = [await add('1555001'), await add('1555001'), await add('1555001'), await add('1555002')];
    const first = await outbox.claim(100);
    expect(first.map((r) => r.id).sort()).toEqual([a1, a2, a3, b1].sort());
    expect(first.every((r) => r.attempts === 1)).toBe(true);
    expect(await claimed()).toEqual([]); // all leased

    // Released behind a row still leased: they wait for it.
    await outbox.release([a2!, a3!]);
    expect(await claimed()).toEqual([]);
    await outbox.remove([a1!]);
    const again = await outbox.claim(100);
    expect(again.map((r) => [r.id, r.attempts])).toEqual(
      expect.arrayContaining([
        [a2, 2],
        [a3, 2],
      ]),
    );

    // A retry later holds its conversation back until then, and keeps the error.
    await outbox.release([a3!]);
    await outbox.retryAt(a2!, new Date(Date.now() + 60_000), 'boom');
    expect(await claimed()).toEqual([]);
    const waiting = await prisma.client.sendOutbox.findUniqueOrThrow({ where: { id: a2! } });
    expect([waiting.lastError, waiting.leaseUntil]).toEqual(['boom', null]);

    // Removed in the caller's transaction, with whatever it records.
    await prisma.client.$transaction((tx) => outbox.remove([a2!, a3!, b1!], tx));
    expect(await prisma.client.sendOutbox.count()).toBe(0);
  });
});
