import { randomBytes } from 'node:crypto';
import { PrismaService } from '@switchboard/platform';
import { type ApiRequestError, uploadAttachment } from '@switchboard/sdk';
import { failure } from '@switchboard/testkit/core';
import { texts } from '@switchboard/testkit/devices/sdk-device';
import { sdkWorld } from '@switchboard/testkit/devices/sdk-world';
import { describe, expect, it } from 'vitest';

// What devices see is in packages/sdk/test/disappearing.integration.test.ts; this is what the server keeps.
describe('disappearing messages and view once: what the server keeps', { timeout: 60_000 }, () => {
  const world = sdkWorld();

  it('removes a disappearing message when it is due, though its device never came online', async () => {
    const alice = await world.device();
    const bob = await world.device(undefined, { connect: false });
    await alice.messenger.setDisappearingTimer(bob.credentials.accountId, 1);
    const sent = await alice.messenger.sendText(bob.credentials.accountId, 'never read');
    const prisma = world.api.app.get(PrismaService).client;
    const where = { senderAccountId: alice.credentials.accountId, clientMessageId: BigInt.asIntN(64, sent.id) };
    const row = await prisma.mailboxMessage.findFirstOrThrow({ where });
    expect(Number(row.expiresAt)).toBe(sent.serverTimestamp + 1_000);

    // The mailboxExpiry loop (every 5 s, on one node) deletes it, with its envelope for bob.
    await expect.poll(() => prisma.mailboxMessage.count({ where }), { timeout: 20_000, interval: 250 }).toBe(0);
    expect(await prisma.mailboxEnvelope.count({ where: { accountId: bob.credentials.accountId } })).toBe(1);
    await bob.connection.start();
    await expect.poll(() => bob.inbox.map((m) => m.timerChange)).toEqual([1]); // the timer message does not expire
    await alice.messenger.sendText(bob.credentials.accountId, 'in time');
    await expect.poll(() => texts(bob)).toEqual(['', 'in time']);
  });

  it('lets a disappearing message’s attachment expire with it; refuses a lifetime that is not a whole second ≥ 1', async () => {
    const alice = await world.device();
    const prisma = world.api.app.get(PrismaService).client;
    const before = Date.now();
    const pointer = await uploadAttachment(alice.rest, randomBytes(100), { mime_type: 'image/png' }, { expiresInS: 5 });
    const row = await prisma.attachment.findUniqueOrThrow({ where: { id: pointer.id } });
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 65_000); // the timer and a minute for the send
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 65_000); // not ATTACHMENT_TTL_DAYS

    const { id } = await alice.rest.uploadAttachmentBlob(randomBytes(64), 1);
    expect(await alice.rest.downloadAttachmentBlob(id)).toHaveLength(64);
    const status = () =>
      alice.rest.downloadAttachmentBlob(id).then(
        () => 200,
        (err: ApiRequestError) => err.status,
      );
    await expect.poll(status, { timeout: 10_000 }).toBe(404);

    for (const bad of ['0', 'abc', '1.5', '99999999999'])
      expect(
        await failure(alice.rest.call('POST', `/v1/attachments?expires_in_s=${bad}`, randomBytes(8))),
      ).toMatchObject({ status: 400, code: 100 });
  });

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
