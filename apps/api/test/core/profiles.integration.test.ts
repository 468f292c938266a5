import { randomBytes } from 'node:crypto';
import { PrismaService } from '@switchboard/platform';
import { ApiRequestError, uploadAttachment } from '@switchboard/sdk';
import { failure } from '@switchboard/testkit/core';
import { sdkWorld } from '@switchboard/testkit/devices/sdk-world';
import { describe, expect, it } from 'vitest';

// What readers see is in packages/sdk/test/profiles.integration.test.ts; this is what the server keeps and refuses.
describe('profiles: sealed bytes at rest, the photo attachment, bad input', { timeout: 60_000 }, () => {
  const world = sdkWorld();

  it('stores nothing the server could read, and keeps the photo only while it is the photo', async () => {
    const alice = await world.device();
    await alice.profiles.publish({
      name: 'Plain Name',
      about: 'Plain about',
      photo: { bytes: randomBytes(100), mime_type: 'image/png' },
    });
    const prisma = world.api.app.get(PrismaService).client;
    const row = await prisma.profile.findUniqueOrThrow({ where: { accountId: alice.credentials.accountId } });
    const stored = Buffer.concat([row.name!, row.about!, row.photo!]);
    for (const plain of ['Plain Name', 'Plain about', row.photoAttachmentId!])
      expect(stored.includes(plain)).toBe(false);
    const first = row.photoAttachmentId!;
    expect((await prisma.attachment.findUniqueOrThrow({ where: { id: first } })).expiresAt.getUTCFullYear()).toBe(9999);

    const { version } = await alice.profiles.publish({
      name: 'Plain Name',
      photo: { bytes: randomBytes(100), mime_type: 'image/png' },
    });
    expect(version).toBe(2);
    const after = await prisma.profile.findUniqueOrThrow({ where: { accountId: alice.credentials.accountId } });
    expect(after.about).toBeNull(); // left out: cleared
    expect(
      (await prisma.attachment.findUniqueOrThrow({ where: { id: first } })).expiresAt.getTime(),
    ).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a photo that is not the account’s own upload, bad fields and unknown profiles', async () => {
    const [alice, mallory] = await Promise.all([world.device(), world.device()]);
    const theirs = await uploadAttachment(alice.rest, randomBytes(10), { mime_type: 'image/png' });
    const sealed = Buffer.alloc(60).toString('base64');
    const stolen = await failure(
      mallory.rest.putProfile({ name: sealed, photo: { attachment_id: theirs.id, pointer: sealed } }),
    );
    expect(stolen).toMatchObject({ status: 400, code: 100 });
    expect(stolen.details).toMatch(/^photo\.attachment_id:/);
    expect((await failure(mallory.rest.putProfile({ name: 'not base64!' }))).details).toMatch(/^name:/);
    expect((await failure(mallory.rest.putPrivacy({ photo: 'friends' as 'contacts' }))).details).toMatch(/^photo:/);
    const unknown = await mallory.rest.getProfile(alice.credentials.accountId).catch((e) => e);
    expect(unknown).toBeInstanceOf(ApiRequestError);
    expect((unknown as ApiRequestError).status).toBe(404);
  });

  it('answers a new account’s first reads and writes of its settings at once, none of them a 500', async () => {
    const carol = await world.device();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 ? carol.rest.getPrivacy() : carol.rest.putPrivacy({ about: 'contacts' }),
      ),
    );
    for (const a of answers) expect(a.about === 'contacts' || a.about === 'everyone').toBe(true);
    expect((await carol.rest.getPrivacy()).about).toBe('contacts');
  });
});
