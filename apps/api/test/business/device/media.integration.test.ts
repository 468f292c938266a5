import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractFetch } from '@switchboard/contract';
import { type AttachmentPointer, attachmentPointerOf, downloadAttachment, uploadAttachment } from '@switchboard/sdk';
import { files, uploadForm } from '@switchboard/testkit/business/media-files';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { type SdkDevice, sdkCompanion } from '@switchboard/testkit/devices/sdk-device';
import { waitFor } from '@switchboard/testkit/wait';
import { Receiver } from '@switchboard/testkit/webhooks/receiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Status = { id: string; status: string; errors?: { code: number; error_data?: { details: string } }[] };
type Inbound = { from: string; id: string; type: string; [k: string]: unknown };

/** Whether `haystack` contains any 32-byte run of `needle` (ciphertext must not show the plaintext anywhere). */
function sharesRun(haystack: Buffer, needle: Buffer, run = 32): boolean {
  for (let i = 0; i + run <= needle.length; i += run) if (haystack.includes(needle.subarray(i, i + run))) return true;
  return false;
}

/** A PNG with a non-repeating body (each 32-byte run is unique), so a copy of any part of it would be found. */
const distinctPng = (size: number) => {
  const png = files.png(size);
  for (let i = 16; i + 4 <= size; i += 4) png.writeUInt32BE((i * 2654435761) >>> 0, i);
  return png;
};

// Media end to end (docs/business.md "The business device", media): the business sends by media id and by link, a
// template with a media header, a deleted media id fails; a consumer sends an image the business can download.
describe('the business device: media as end-to-end encrypted attachments', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let receiver: Receiver;
  let bizAccountId: string;
  let attachmentsDir: string;
  let links: Server;
  let linksUrl: string;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('the quarterly report, page one\n'.repeat(200))]);

  const statusesOf = (wamid: string) =>
    receiver
      .accepted()
      .flatMap((c) => (c.value.statuses as Status[] | undefined) ?? [])
      .filter((s) => s.id === wamid);
  const inbound = () => receiver.accepted().flatMap((c) => (c.value.messages as Inbound[] | undefined) ?? []);
  const send = (body: Record<string, unknown>) =>
    biz.call<{ messages: { id: string }[]; error?: { code: number } }>('POST', `/${biz.phoneNumberId}/messages`, {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      ...body,
    });
  const uploadMedia = async (bytes: Buffer, type: string) => {
    const res = await contractFetch<{ id: string }>(`${stack.api.url}/v23.0/${biz.phoneNumberId}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${biz.token}` },
      body: uploadForm(bytes, type, { messaging_product: 'whatsapp', type }),
    });
    expect(res.status, res.text).toBe(200);
    return res.body.id;
  };
  /** A consumer with an open window (it wrote first), connected. */
  const openConsumer = async (name: string) => {
    const consumer = await consumerDevice(stack.api, name);
    await consumer.connect();
    await consumer.reply(bizAccountId, `hello from ${name}`);
    await waitFor(async () => inbound().some((m) => m.from === consumer.waId), 'the window opened');
    return consumer;
  };
  const pointerIn = (rich: Record<string, unknown> | undefined, type: string) =>
    attachmentPointerOf(rich?.[type]) as AttachmentPointer;

  beforeAll(async () => {
    attachmentsDir = await mkdtemp(join(tmpdir(), 'sb-biz-attachments-'));
    links = createServer((req, res) => {
      if (req.url === '/files/report.pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.length });
        res.end(pdf);
      } else if (req.url === '/files/slow.pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.write('%PDF-1.7\n'); // …and never finishes
      } else if (req.url === '/files/huge.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 6 * 1024 * 1024 });
        res.write(files.jpeg(1024));
      } else if (req.url === '/files/fake.pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.end('this is not a PDF at all');
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => links.listen(0, '127.0.0.1', r));
    linksUrl = `http://127.0.0.1:${(links.address() as AddressInfo).port}`;
    stack = await startBusinessStack({
      worker: true,
      env: {
        TEMPLATE_REVIEW: 'manual',
        OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
        OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
        WEBHOOK_RETRY_BASE_MS: '20',
        WEBHOOK_RETRY_MAX_MS: '400',
        ATTACHMENTS_DIR: attachmentsDir,
        MEDIA_LINK_TIMEOUT_MS: '1500',
      },
    });
    biz = await stack.business();
    receiver = await new Receiver().start();
    await biz.subscribe(receiver);
    bizAccountId = await stack.provisioned(biz.phoneNumberId);
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await stack?.close();
    links?.closeAllConnections(); // the stalled downloads
    await new Promise((r) => links?.close(r));
    await rm(attachmentsDir, { recursive: true, force: true });
  });

  it('an image by media id reaches every consumer device as one pointer to ciphertext they decrypt to the same bytes', async () => {
    const consumer = await openConsumer('Ines');
    const companion = await sdkCompanion(stack.api, { rest: consumer.rest } as SdkDevice);
    try {
      const png = distinctPng(40_000);
      const mediaId = await uploadMedia(png, 'image/png');
      const before = new Date();
      const res = await send({ to: consumer.waId, type: 'image', image: { id: mediaId, caption: 'Your receipt' } });
      expect(res.status, res.text).toBe(200);
      const wamid = res.body.messages[0]!.id;
      await waitFor(async () => consumer.messages.some((m) => m.rich?.type === 'image'), 'the image at the consumer');
      const got = consumer.messages.find((m) => m.rich?.type === 'image')!;
      expect(got.text).toBe('Your receipt');
      expect(got.rich).toMatchObject({ type: 'image', image: { caption: 'Your receipt', mime_type: 'image/png' } });
      const pointer = pointerIn(got.rich, 'image');
      expect(pointer).toBeDefined();
      expect(pointer.id).not.toBe(mediaId);
      const bytes = await downloadAttachment(consumer.rest, pointer);
      expect(bytes.equals(png)).toBe(true);
      // The companion got its own Signal message with the same pointer: one blob, encrypted once, for all devices.
      await waitFor(async () => companion.inbox.some((m) => m.rich?.type === 'image'), 'the image at the companion');
      expect(pointerIn(companion.inbox.find((m) => m.rich?.type === 'image')!.rich, 'image')).toEqual(pointer);
      expect(
        await stack.prisma.attachment.count({ where: { uploaderAccountId: bizAccountId, createdAt: { gte: before } } }),
      ).toBe(1);

      // What the server keeps is ciphertext: not the image, and no run of its bytes.
      const blob = await readFile(join(attachmentsDir, pointer.id.slice(-2), pointer.id));
      expect(blob.length).toBeGreaterThan(png.length);
      expect(sharesRun(blob, png)).toBe(false);
      const row = await stack.prisma.attachment.findUniqueOrThrow({ where: { id: pointer.id } });
      expect(row.uploaderAccountId).toBe(bizAccountId);

      await waitFor(async () => statusesOf(wamid).some((s) => s.status === 'delivered'), 'delivered');
      expect(statusesOf(wamid).map((s) => s.status)).toEqual(['sent', 'delivered']);
    } finally {
      await companion.stop();
      await consumer.close();
    }
  }, 60_000);

  it('a document by link is fetched, checked and delivered with its file name; a bad link fails with 131053', async () => {
    const consumer = await openConsumer('Joao');
    try {
      const res = await send({
        to: consumer.waId,
        type: 'document',
        document: { link: `${linksUrl}/files/report.pdf`, caption: 'Q3' },
      });
      expect(res.status, res.text).toBe(200);
      await waitFor(async () => consumer.messages.some((m) => m.rich?.type === 'document'), 'the document');
      const got = consumer.messages.find((m) => m.rich?.type === 'document')!;
      const pointer = pointerIn(got.rich, 'document');
      expect(pointer).toMatchObject({ mime_type: 'application/pdf', file_name: 'report.pdf', size: pdf.length });
      expect((await downloadAttachment(consumer.rest, pointer)).equals(pdf)).toBe(true);

      for (const [type, path, why] of [
        ['document', '/files/fake.pdf', /not application\/pdf/],
        ['document', '/files/missing.pdf', /HTTP 404/],
        ['document', '/files/slow.pdf', /no complete answer within 1500 ms/],
        ['image', '/files/huge.jpg', /over the 5242880 bytes image\/jpeg allows/],
        ['image', '/files/report.pdf', /"application\/pdf" is not a supported image type/],
      ] as const) {
        const bad = await send({ to: consumer.waId, type, [type]: { link: `${linksUrl}${path}` } });
        const wamid = bad.body.messages[0]!.id;
        await waitFor(async () => statusesOf(wamid).some((s) => s.status === 'failed'), `failed: ${path}`);
        const failed = statusesOf(wamid).find((s) => s.status === 'failed')!;
        expect(failed.errors?.[0]?.code).toBe(131053);
        expect(failed.errors?.[0]?.error_data?.details).toMatch(why);
      }
    } finally {
      await consumer.close();
    }
  }, 60_000);

  it('a template with an image header carries the header as an attachment', async () => {
    const consumer = await openConsumer('Rita');
    try {
      const created = await biz.call<{ id: string }>('POST', `/${biz.id}/message_templates`, {
        name: 'receipt_image',
        language: 'en_US',
        category: 'UTILITY',
        components: [
          { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['https://example.com/h.png'] } },
          { type: 'BODY', text: 'Thanks {{1}}, here is your receipt.', example: { body_text: [['Rita']] } },
        ],
      });
      expect(created.status, created.text).toBe(200);
      expect((await biz.review(created.body.id, { decision: 'APPROVED' })).status).toBe(200);
      const jpeg = files.jpeg(3000);
      const mediaId = await uploadMedia(jpeg, 'image/jpeg');
      const res = await send({
        to: consumer.waId,
        type: 'template',
        template: {
          name: 'receipt_image',
          language: { code: 'en_US' },
          components: [
            { type: 'header', parameters: [{ type: 'image', image: { id: mediaId } }] },
            { type: 'body', parameters: [{ type: 'text', text: 'Rita' }] },
          ],
        },
      });
      expect(res.status, res.text).toBe(200);
      await waitFor(async () => consumer.messages.some((m) => m.rich?.type === 'template'), 'the template');
      const got = consumer.messages.find((m) => m.rich?.type === 'template')!;
      expect(got.text).toBe('Thanks Rita, here is your receipt.');
      const header = (got.rich!.template as { header: { type: string; media: unknown } }).header;
      expect(header.type).toBe('image');
      const pointer = attachmentPointerOf(header.media)!;
      expect(pointer.mime_type).toBe('image/jpeg');
      expect((await downloadAttachment(consumer.rest, pointer)).equals(jpeg)).toBe(true);
    } finally {
      await consumer.close();
    }
  }, 60_000);

  it('a media id deleted after the send was accepted fails the message with 131053', async () => {
    const consumer = await openConsumer('Vasco');
    try {
      const mediaId = await uploadMedia(files.png(2000), 'image/png');
      // Hold the conversation (an earlier outbox row under lease), so the send waits while the media is deleted.
      const blocker = await stack.prisma.sendOutbox.create({
        data: {
          kind: 'read',
          businessId: biz.id,
          phoneNumberId: biz.phoneNumberId,
          messageId: 0n,
          wamid: 'wamid.test-blocker',
          waId: consumer.waId,
          leaseUntil: new Date(Date.now() + 3_600_000),
        },
      });
      const res = await send({ to: consumer.waId, type: 'image', image: { id: mediaId } });
      expect(res.status, res.text).toBe(200);
      const wamid = res.body.messages[0]!.id;
      expect((await biz.call('DELETE', `/${mediaId}`)).status).toBe(200);
      await stack.prisma.sendOutbox.delete({ where: { id: blocker.id } });
      await waitFor(async () => statusesOf(wamid).some((s) => s.status === 'failed'), 'the failed status');
      const failed = statusesOf(wamid).find((s) => s.status === 'failed')!;
      expect(failed.errors?.[0]?.code).toBe(131053);
      expect(failed.errors?.[0]?.error_data?.details).toMatch(/no longer exists/);
      expect(statusesOf(wamid).map((s) => s.status)).toEqual(['failed']);
      expect(consumer.messages.some((m) => m.rich?.type === 'image')).toBe(false);
    } finally {
      await consumer.close();
    }
  }, 60_000);

  it("a consumer's image becomes the business's media: messages webhook with a media id that downloads the original", async () => {
    const consumer = await openConsumer('Marta');
    try {
      const png = distinctPng(12_000);
      const pointer = await uploadAttachment(consumer.rest, png, { mime_type: 'image/png' });
      await consumer.reply(bizAccountId, 'the broken part', {
        type: 'image',
        image: { caption: 'the broken part', ...pointer },
      });
      await waitFor(async () => inbound().some((m) => m.from === consumer.waId && m.type === 'image'), 'the image');
      const message = inbound().find((m) => m.from === consumer.waId && m.type === 'image')!;
      const sha256 = createHash('sha256').update(png).digest('hex');
      expect(message.image).toEqual({
        caption: 'the broken part',
        mime_type: 'image/png',
        sha256,
        id: expect.stringMatching(/^[0-9]{16}$/),
      });
      const id = (message.image as { id: string }).id;
      const media = await biz.call<{ url: string; sha256: string; file_size: number }>('GET', `/${id}`);
      expect(media.status).toBe(200);
      expect(media.body).toMatchObject({ sha256, file_size: png.length });
      const url = new URL(media.body.url);
      const file = await stack.raw('GET', `${url.pathname}${url.search}`, `Bearer ${biz.token}`);
      expect(file.status).toBe(200);
      expect(Buffer.from(file.bytes).equals(png)).toBe(true);

      // A pointer whose blob fails verification still arrives, as Meta's unsupported form with 131052.
      const forged = { ...pointer, digest: Buffer.alloc(32, 9).toString('base64') };
      await consumer.reply(bizAccountId, '', { type: 'image', image: forged });
      await waitFor(async () => inbound().some((m) => m.from === consumer.waId && m.type === 'unsupported'), '131052');
      const broken = inbound().find((m) => m.from === consumer.waId && m.type === 'unsupported')!;
      expect(broken.errors).toEqual([
        expect.objectContaining({ code: 131052, error_data: { details: expect.stringMatching(/digest/) } }),
      ]);
      expect(receiver.posts.every((p) => p.signatureOk)).toBe(true);
    } finally {
      await consumer.close();
    }
  }, 60_000);
});
