import { waitFor } from '../wait';
import type { BusinessStack, TestBusiness } from './stack';

export interface Template {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  parameter_format: string;
  components: Record<string, unknown>[];
  rejected_reason: string;
  rejection_info?: { reason: string; recommendation: string };
}

/** A template Meta's reviewer would approve: a header, a positional body with examples, a footer, two buttons. */
export const goodTemplate = (name: string, language = 'en_US') => ({
  name,
  language,
  category: 'utility',
  components: [
    { type: 'header', format: 'text', text: 'Order {{1}}', example: { header_text: ['#123'] } },
    {
      type: 'body',
      text: 'Hi {{1}}, your order {{2}} ships on {{3}}. Thank you!',
      example: { body_text: [['Ana', '#123', 'Monday']] },
    },
    { type: 'footer', text: 'Lucky Shrub' },
    {
      type: 'buttons',
      buttons: [
        { type: 'quick_reply', text: 'Stop updates' },
        { type: 'url', text: 'Track', url: 'https://shop.test/track/{{1}}', example: ['https://shop.test/track/123'] },
      ],
    },
  ],
});

export async function createTemplate(biz: TestBusiness, body: unknown) {
  const res = await biz.call<{ id: string; status: string; category: string }>(
    'POST',
    `/${biz.id}/message_templates`,
    body,
  );
  if (res.status !== 200) throw new Error(`create failed: ${res.text}`);
  return res.body;
}

export async function readTemplate(biz: TestBusiness, id: string) {
  return (await biz.call<Template>('GET', `/${id}`)).body;
}

export async function waitForStatus(biz: TestBusiness, id: string, status: string) {
  await waitFor(async () => (await readTemplate(biz, id)).status === status, `template ${id} ${status}`);
  return readTemplate(biz, id);
}

/** The message_template_status_update events stored for a template, oldest first (the webhook outbox). */
export async function statusEvents(stack: BusinessStack, businessId: string, templateId: string) {
  const rows = await stack.prisma.webhookEvent.findMany({
    where: { businessId, field: 'message_template_status_update' },
    orderBy: { id: 'asc' },
  });
  return rows
    .map((r) => JSON.parse(r.value) as Record<string, unknown>)
    .filter((v) => String(v.message_template_id) === templateId);
}
