import { contractFetch } from '@switchboard/contract';
import type { BusinessApi, TestBusiness } from './api';
import { files, uploadForm } from './media-files';

/** Uploads one file of each kind the samples use; returns their media ids. */
export async function uploadSampleMedia(env: BusinessApi, b: TestBusiness) {
  const up = async (file: Buffer, type: string) => {
    const res = await contractFetch<{ id: string }>(`${env.api.url}/v23.0/${b.phoneNumberId}/media`, {
      method: 'POST',
      headers: b.headers,
      body: uploadForm(file, type),
    });
    if (res.status !== 200) throw new Error(`upload ${type} failed: ${res.text}`);
    return res.body.id;
  };
  return {
    image: await up(files.png(), 'image/png'),
    pdf: await up(files.pdf(), 'application/pdf'),
    ogg: await up(files.oggOpus(), 'audio/ogg'),
    mp4: await up(files.mp4(), 'video/mp4'),
    webp: await up(files.webpStatic(), 'image/webp'),
  };
}

/** Creates and approves a template through the API (manual review). */
export async function approvedTemplate(
  b: TestBusiness,
  name: string,
  category: 'MARKETING' | 'UTILITY',
  header?: 'IMAGE',
) {
  const components: unknown[] = [
    { type: 'BODY', text: 'Hello {{1}}, your order has shipped.', example: { body_text: [['Pablo']] } },
  ];
  if (header)
    components.unshift({ type: 'HEADER', format: header, example: { header_handle: ['https://example.com/h.png'] } });
  const created = await b.call<{ id: string }>(`/${b.id}/message_templates`, {
    method: 'POST',
    body: { name, language: 'en_US', category, components },
  });
  if (created.status !== 200) throw new Error(`template create failed: ${created.text}`);
  const approved = await b.review(created.body.id, { decision: 'APPROVED' });
  if (approved.status !== 200) throw new Error(`template approve failed: ${approved.text}`);
  return created.body.id;
}

export const templateBody = (
  to: string,
  name: string,
  components: unknown[] = [{ type: 'body', parameters: [{ type: 'text', text: 'Pablo' }] }],
) => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'template',
  template: { name, language: { code: 'en_US' }, components },
});
