// The business device's outbound message map on a database of its own: recorded once per wamid (a retry keeps the
// first core id), stamped with the core's time when sent — the same statements for one message and for a batch.
import { randomUUID } from 'node:crypto';
import { parseConfig } from '@switchboard/config';
import { PrismaService } from '@switchboard/platform';
import { applyMigrations } from '@switchboard/prisma/scripts/migrations';
import { scratchDatabases } from '@switchboard/testkit/databases';
import { DeviceMessagesRepository } from '@switchboard/workers/business-device/device-messages.repository';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('DeviceMessagesRepository', () => {
  const databases = scratchDatabases();
  let prisma: PrismaService;
  let repo: DeviceMessagesRepository;

  beforeAll(async () => {
    const url = databases.url('devmsgs');
    await applyMigrations(url);
    prisma = new PrismaService(parseConfig({ ...process.env, DATABASE_URL: url }));
    repo = new DeviceMessagesRepository(prisma);
  }, 60_000);

  afterAll(async () => {
    await prisma?.client.$disconnect();
    await databases.dropAll();
  });

  it('records each wamid once, with core ids above int8 kept as their 64 bits, and stamps the sent ones', async () => {
    const accountId = randomUUID();
    const peerAccountId = randomUUID();
    const big = 2n ** 64n - 5n; // a u64 core id stored in a signed bigint
    await repo.recordOutbound([
      { wamid: 'w.1', accountId, peerAccountId, clientMessageId: big },
      { wamid: 'w.2', accountId, peerAccountId, clientMessageId: 7n },
    ]);
    await repo.recordOutbound([{ wamid: 'w.1', accountId, peerAccountId, clientMessageId: 99n }]); // a retry
    await prisma.client.$transaction((tx) => repo.markSent([{ wamid: 'w.1', serverTimestamp: 1_700_000_000_123 }], tx));

    const rows = await prisma.client.businessDeviceMessage.findMany({ orderBy: { wamid: 'asc' } });
    expect(rows.map((r) => [r.wamid, r.direction, BigInt.asUintN(64, r.clientMessageId), r.serverTimestamp])).toEqual([
      ['w.1', 'outbound', big, 1_700_000_000_123n],
      ['w.2', 'outbound', 7n, null],
    ]);
  });
});
