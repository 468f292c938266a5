import { PrismaService } from '@switchboard/platform';
import { sdkWorld } from '@switchboard/testkit/devices/sdk-world';
import { describe, expect, it } from 'vitest';

// What devices see is in packages/sdk/test/disappearing.integration.test.ts; this is what the server keeps.
describe('disappearing messages and view once: what the server keeps', { timeout: 60_000 }, () => {
  const world = sdkWorld();

  it('keeps no content of a view-once message once it is delivered', async () => {
    const alice = await world.device();
    const bob = await world.device();
    const sent = await alice.messenger.sendContent(
      bob.credentials.accountId,
      { text: 'look once' },
      { viewOnce: true },
    );
    await expect.poll(() => bob.inbox.length).toBe(1);

    // The server: no copy for any device, no shared body — only the id it de-duplicates by.
    const prisma = world.api.app.get(PrismaService).client;
    const where = {
      senderAccountId: alice.credentials.accountId,
      clientMessageId: BigInt.asIntN(64, sent.id),
    };
    await expect.poll(async () => prisma.mailboxEnvelope.count({ where: { message: where } })).toBe(0);
    const row = await prisma.mailboxMessage.findFirst({ where });
    expect(row?.body ?? null).toBeNull();
  });
});
