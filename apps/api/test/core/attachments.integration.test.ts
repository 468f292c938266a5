import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractFetch } from '@switchboard/contract';
import { AttachmentPurgeService } from '@switchboard/core/attachments/attachment-purge.service';
import { PrismaService } from '@switchboard/platform';
import {
  AttachmentIntegrityError,
  authorizationHeader,
  downloadAttachment,
  type RestClient,
  uploadAttachment,
} from '@switchboard/sdk';
import type { RunningApi } from '@switchboard/testkit/api';
import { failure, newAccount, startCoreApi } from '@switchboard/testkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAX = 64 * 1024;

/** A plaintext with structure (a repeating, recognisable pattern) that ciphertext must not show. */
const plaintextOf = (size: number) =>
  Buffer.from('switchboard-attachment-plaintext:'.repeat(Math.ceil(size / 33))).subarray(0, size);

/** Whether `haystack` contains any 32-byte run of `needle`. */
function sharesRun(haystack: Buffer, needle: Buffer, run = 32): boolean {
  for (let i = 0; i + run <= needle.length; i += run) if (haystack.includes(needle.subarray(i, i + run))) return true;
  return false;
}

describe('core attachments: POST/GET /v1/attachments', () => {
  let api: RunningApi;
  let dir: string;
  let alice: { rest: RestClient; auth: string };
  let bob: { rest: RestClient; auth: string };

  const post = (body: Uint8Array, auth?: string, type = 'application/octet-stream') =>
    contractFetch<{ id: string; expires_at: string; error?: { code: number } }>(`${api.url}/v1/attachments`, {
      method: 'POST',
      headers: { 'content-type': type, ...(auth && { authorization: auth }) },
      body,
    });
  const get = (id: string, auth?: string) =>
    contractFetch<{ error?: { code: number } }>(`${api.url}/v1/attachments/${id}`, {
      headers: auth ? { authorization: auth } : {},
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-attachments-'));
    api = await startCoreApi({ ATTACHMENTS_DIR: dir, ATTACHMENT_MAX_BYTES: String(MAX) });
    const a = await newAccount(api);
    const b = await newAccount(api);
    alice = { rest: a.rest, auth: authorizationHeader(a.credentials) };
    bob = { rest: b.rest, auth: authorizationHeader(b.credentials) };
  });
  afterAll(async () => {
    await api?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through the SDK: another device downloads byte-identical content; the server holds ciphertext only', async () => {
    const image = plaintextOf(20_000);
    const pointer = await uploadAttachment(alice.rest, image, { mime_type: 'image/png' });
    expect(pointer).toMatchObject({ size: 20_000, mime_type: 'image/png' });
    expect(Buffer.from(pointer.key, 'base64')).toHaveLength(64);
    const got = await downloadAttachment(bob.rest, pointer);
    expect(got.equals(image)).toBe(true);

    const row = await api.app.get(PrismaService).client.attachment.findUniqueOrThrow({ where: { id: pointer.id } });
    const file = await readFile(join(dir, pointer.id.slice(-2), pointer.id));
    expect(row.size).toBe(file.length);
    expect(file.length).toBeGreaterThan(image.length); // padded, IV, MAC
    expect(file.equals(image)).toBe(false);
    expect(sharesRun(file, image)).toBe(false);
    expect(file.includes(Buffer.from('switchboard-attachment'))).toBe(false);
  });

  it('rejects a tampered blob or a wrong key (digest and MAC checks)', async () => {
    const pointer = await uploadAttachment(alice.rest, plaintextOf(1000), { mime_type: 'text/plain' });
    const path = join(dir, pointer.id.slice(-2), pointer.id);
    const blob = await readFile(path);
    const wrongKey = { ...pointer, key: Buffer.alloc(64, 7).toString('base64') };
    // the digest still matches, but the MAC under another key cannot
    await expect(downloadAttachment(bob.rest, wrongKey)).rejects.toBeInstanceOf(AttachmentIntegrityError);
    blob[40] = blob[40]! ^ 1;
    await writeFile(path, blob);
    await expect(downloadAttachment(bob.rest, pointer)).rejects.toThrow(/digest/);
  });

  it('needs a device credential (401), answers 404 for unknown or malformed ids, refuses oversize bodies (413)', async () => {
    expect((await post(Buffer.alloc(100, 1))).status).toBe(401);
    expect((await post(Buffer.alloc(100, 1), 'Basic bm9ib2R5OnNlY3JldA==')).status).toBe(401);
    const stored = await post(Buffer.alloc(100, 1), alice.auth);
    expect(stored.status).toBe(200);
    expect(stored.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(stored.body.expires_at).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect((await get(stored.body.id)).status).toBe(401);
    const fetched = await get(stored.body.id, bob.auth);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(fetched.bytes).equals(Buffer.alloc(100, 1))).toBe(true);

    const unknown = await get('00000000-0000-4000-8000-000000000000', bob.auth);
    expect(unknown.status).toBe(404);
    expect((await get('not-a-uuid', bob.auth)).status).toBe(404);

    const files = async () =>
      (await readdir(dir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile()).length;
    const before = await files();
    const big = await post(Buffer.alloc(MAX + 1, 2), alice.auth);
    expect(big.status).toBe(413);
    expect(big.body.error?.code).toBe(100);
    const huge = await post(Buffer.alloc(1024 * 1024, 2), alice.auth); // refused on its Content-Length
    expect(huge.status).toBe(413);
    expect(huge.headers.get('connection')).toBe('close');
    // Without a Content-Length (chunked), the stream is cut off as it passes the limit.
    const chunked = await contractFetch<{ error?: { code: number } }>(`${api.url}/v1/attachments`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: alice.auth },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(MAX / 2));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await files()).toBe(before);
    expect((await post(new Uint8Array(0), alice.auth)).status).toBe(400);
    expect((await post(Buffer.alloc(10), alice.auth, 'application/json')).status).toBe(400);
    expect((await post(Buffer.alloc(10), alice.auth, 'image/png')).status).toBe(400);
    expect((await failure(bob.rest.downloadAttachmentBlob('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
  });

  it('expires: an expired id answers 404 and the purge removes its row and file', async () => {
    const prisma = api.app.get(PrismaService).client;
    const stored = await post(Buffer.alloc(300, 3), alice.auth);
    const path = join(dir, stored.body.id.slice(-2), stored.body.id);
    await prisma.attachment.update({ where: { id: stored.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await get(stored.body.id, bob.auth)).status).toBe(404);
    expect(await api.app.get(AttachmentPurgeService).purge(new Date())).toBeGreaterThanOrEqual(1);
    expect(await prisma.attachment.findUnique({ where: { id: stored.body.id } })).toBeNull();
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });
});
