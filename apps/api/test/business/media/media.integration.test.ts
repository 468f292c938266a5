import { createHash } from 'node:crypto';
import { MediaService } from '@switchboard/business/media/media.service';
import { MediaPurgeService } from '@switchboard/business/media/media-purge.service';
import { contractFetch } from '@switchboard/contract';
import { PrismaService } from '@switchboard/platform';
import {
  type BusinessApi,
  type GraphError,
  startBusinessApi,
  type TestBusiness,
} from '@switchboard/testkit/business/api';
import { files, uploadForm } from '@switchboard/testkit/business/media-files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface MediaObject {
  messaging_product: string;
  url: string;
  mime_type: string;
  sha256: string;
  file_size: number;
  id: string;
}

describe('media: upload, read, download, delete', () => {
  let env: BusinessApi;
  let biz: TestBusiness;
  let other: TestBusiness;

  const upload = (b: TestBusiness, form: FormData, numberId = b.phoneNumberId, query = '') =>
    contractFetch<{ id: string } & GraphError>(`${env.api.url}/v23.0/${numberId}/media${query}`, {
      method: 'POST',
      headers: b.headers,
      body: form,
    });
  /** The download URL points at PUBLIC_API_URL; in tests the API listens on another port. */
  const download = (b: TestBusiness, url: string) => {
    const u = new URL(url);
    return contractFetch<GraphError>(`${env.api.url}${u.pathname}${u.search}`, { headers: b.headers });
  };

  beforeAll(async () => {
    env = await startBusinessApi();
    biz = await env.business();
    other = await env.business();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('round-trips a PNG: upload → GET /{media_id} → download by its url → DELETE', async () => {
    const png = files.png(5000);
    const up = await upload(biz, uploadForm(png, 'image/png', { messaging_product: 'whatsapp', type: 'image/png' }));
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ id: expect.stringMatching(/^[0-9]{16}$/) });

    const got = await biz.call<MediaObject>(`/${up.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      messaging_product: 'whatsapp',
      url: expect.stringContaining(`/media/${up.body.id}/download?expires=`),
      mime_type: 'image/png',
      sha256: createHash('sha256').update(png).digest('hex'),
      file_size: 5000,
      id: up.body.id,
    });

    const file = await download(biz, got.body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(createHash('sha256').update(file.bytes).digest('hex')).toBe(got.body.sha256);

    const del = await biz.call(`/${up.body.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true });
    expect((await biz.call<GraphError>(`/${up.body.id}`)).status).toBe(404);
    expect((await download(biz, got.body.url)).status).toBe(404);
  });

  it('takes the type from the file part when the form has no `type`, and accepts each kind within its limit', async () => {
    const cases: [Buffer, string][] = [
      [files.jpeg(), 'image/jpeg'],
      [files.pdf(), 'application/pdf'],
      [files.text(), 'text/plain'],
      [files.oggOpus(), 'audio/ogg'],
      [files.mp4(), 'video/mp4'],
      [files.mp4(), 'audio/mp4'],
      [files.webpStatic(100 * 1024), 'image/webp'],
      [files.webpAnimated(500 * 1024), 'image/webp'],
    ];
    for (const [file, type] of cases) {
      const up = await upload(biz, uploadForm(file, type));
      expect(up.status, `${type}: ${up.text}`).toBe(200);
      const got = await biz.call<MediaObject>(`/${up.body.id}`);
      expect(got.body).toMatchObject({ mime_type: type, file_size: file.length });
    }
  });

  it('refuses types the Cloud API does not support, files over their limit and mismatched content (131053)', async () => {
    const refused: [Buffer, string, RegExp][] = [
      [files.gif(), 'image/gif', /image\/gif is not a supported media type/],
      [files.png(5 * 1024 * 1024 + 1), 'image/png', /larger than/],
      [files.webpStatic(100 * 1024 + 1), 'image/webp', /over the 100 KB limit/],
      [files.webpAnimated(500 * 1024 + 1), 'image/webp', /larger than|over the 500 KB limit/],
      [files.jpeg(), 'image/png', /not image\/png \(mismatched MIME type\)/],
      [files.png(), 'application/pdf', /mismatched/],
      [Buffer.concat([Buffer.from('OggS'), Buffer.alloc(200)]), 'audio/ogg', /mismatched/],
      [Buffer.from([0, 1, 2, 0, 4]), 'text/plain', /mismatched/],
    ];
    for (const [file, type, details] of refused) {
      const up = await upload(biz, uploadForm(file, type, { messaging_product: 'whatsapp', type }));
      expect(up.status, type).toBe(400);
      expect(up.body.error.code, type).toBe(131053);
      expect(up.body.error.error_data?.details, type).toMatch(details);
    }
  });

  it('cuts off an oversized upload while it streams, and leaves no file behind', async () => {
    const up = await upload(biz, uploadForm(files.mp4(17 * 1024 * 1024), 'video/mp4'));
    expect(up.status).toBe(400);
    expect(up.body.error.code).toBe(131053);
    const { readdir } = await import('node:fs/promises');
    const left = await readdir(`${env.mediaDir}/tmp`).catch(() => []);
    expect(left).toEqual([]);
  });

  it('names the missing form field with code 100', async () => {
    const noProduct = await upload(biz, uploadForm(files.png(), 'image/png', { type: 'image/png' }));
    expect(noProduct.body.error).toMatchObject({
      code: 100,
      error_data: { details: expect.stringMatching(/^messaging_product/) },
    });
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', 'image/png');
    const noFile = await upload(biz, form);
    expect(noFile.body.error).toMatchObject({ code: 100, error_data: { details: expect.stringMatching(/^file/) } });
    const json = await biz.call<GraphError>(`/${biz.phoneNumberId}/media`, {
      method: 'POST',
      body: { messaging_product: 'whatsapp' },
    });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe(100);
  });

  it('reads messaging_product and type from the query string, as Graph does, when the form carries only `file`', async () => {
    const onlyFile = (partType: string) => uploadForm(files.png(), partType, {});
    const up = await upload(biz, onlyFile('image/png'), biz.phoneNumberId, '?messaging_product=whatsapp');
    expect(up.status, up.text).toBe(200);
    expect((await biz.call<MediaObject>(`/${up.body.id}`)).body).toMatchObject({ mime_type: 'image/png' });

    const typed = await upload(
      biz,
      onlyFile('application/octet-stream'),
      biz.phoneNumberId,
      '?messaging_product=whatsapp&type=image%2Fpng',
    );
    expect(typed.status, typed.text).toBe(200);
    expect((await biz.call<MediaObject>(`/${typed.body.id}`)).body).toMatchObject({ mime_type: 'image/png' });

    const wrong = await upload(biz, onlyFile('image/png'), biz.phoneNumberId, '?messaging_product=sms');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.error_data?.details).toMatch(/^messaging_product/);
    // A form field is the more specific of the two.
    const form = uploadForm(files.png(), 'image/png', { messaging_product: 'whatsapp' });
    expect((await upload(biz, form, biz.phoneNumberId, '?messaging_product=sms')).status).toBe(200);
  });

  it("answers 404 for another business's media and number, as if they did not exist", async () => {
    const up = await upload(biz, uploadForm(files.png(), 'image/png'));
    const mine = await biz.call<MediaObject>(`/${up.body.id}`);
    expect((await other.call<GraphError>(`/${up.body.id}`)).status).toBe(404);
    expect((await other.call<GraphError>(`/${up.body.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await download(other, mine.body.url)).status).toBe(404);
    expect((await upload(other, uploadForm(files.png(), 'image/png'), biz.phoneNumberId)).status).toBe(404);
    expect((await biz.call(`/${up.body.id}`)).status).toBe(200);
  });

  it('expires media ids after the retention period and purges their files', async () => {
    const up = await upload(biz, uploadForm(files.png(), 'image/png'));
    const { url } = (await biz.call<MediaObject>(`/${up.body.id}`)).body;
    const db = env.api.app.get(PrismaService).client;
    await db.media.update({ where: { id: up.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await biz.call<GraphError>(`/${up.body.id}`)).status).toBe(404);
    expect((await download(biz, url)).status).toBe(404);
    expect(await env.api.app.get(MediaPurgeService).purge(new Date())).toBeGreaterThanOrEqual(1);
    expect(await db.media.findUnique({ where: { id: up.body.id } })).toBeNull();
    const { readdir } = await import('node:fs/promises');
    const stored = (await readdir(env.mediaDir, { recursive: true })) as string[];
    expect(stored.some((f) => f.endsWith(up.body.id))).toBe(false);
  });

  it('honours ?phone_number_id= and refuses forged or expired download URLs', async () => {
    const up = await upload(biz, uploadForm(files.png(), 'image/png'));
    expect((await biz.call(`/${up.body.id}?phone_number_id=${biz.phoneNumberId}`)).status).toBe(200);
    expect((await biz.call(`/${up.body.id}?phone_number_id=${other.phoneNumberId}`)).status).toBe(404);
    const { url } = (await biz.call<MediaObject>(`/${up.body.id}`)).body;
    expect((await download(biz, url.replace(/signature=./, 'signature=x'))).status).toBe(404);
    const expired = env.api.app.get(MediaService).urls.create(up.body.id, Date.now() - 3600_000);
    expect((await download(biz, expired)).status).toBe(404);
    expect((await download({ ...biz, headers: {} }, url)).status).toBe(401);
  });
});
