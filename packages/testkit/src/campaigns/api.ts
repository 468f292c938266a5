import type { BusinessStack, TestBusiness } from '../business/stack';
import { createTemplate } from '../business/templates';

export { randomConsumer } from '../business/api';

import type { Progress } from '@switchboard/business/campaigns/progress/progress';

export type { Progress };

export interface Campaign {
  id: string;
  name: string;
  phone_number_id: string;
  template: { name: string; language: { code: string } };
  audience: Record<string, unknown>;
  status: string;
  pause_reason?: string;
  scheduled_at?: string;
  started_at?: string;
  cancelled_at?: string;
  created_at: string;
  recipients: number;
  progress: Progress;
  report?: {
    recipients: number;
    pending: number;
    invalid: number;
    duplicates: number;
    opted_out: number;
    missing_variable: number;
    samples: { row: number; input: string; reason: string }[];
  };
}

export interface ErrorBody {
  error: { code: number; message: string; error_data?: { details: string } };
}

/** A template with one positional body parameter, created and approved through the API (manual review). */
export async function approvedTemplate(biz: TestBusiness, name: string, category: 'MARKETING' | 'UTILITY') {
  const { id } = await createTemplate(biz, {
    name,
    language: 'en_US',
    category,
    components: [{ type: 'BODY', text: 'Hello {{1}}, our sale starts today.', example: { body_text: [['Ana']] } }],
  });
  const res = await biz.review(id, { decision: 'APPROVED' });
  if (res.status !== 200) throw new Error(`approve failed: ${res.text}`);
  return id;
}

/** The body parameter filled from the recipient's `first_name`. */
export const firstNameComponents = [{ type: 'body', parameters: [{ type: 'text', text: '{{first_name}}' }] }];

export const campaignBody = (biz: TestBusiness, template: string, audience: unknown, extra: object = {}) => ({
  name: 'Spring sale',
  phone_number_id: biz.phoneNumberId,
  template: { name: template, language: { code: 'en_US' }, components: firstNameComponents },
  audience,
  ...extra,
});

export async function createCampaign(biz: TestBusiness, body: unknown): Promise<Campaign> {
  const res = await biz.call<Campaign>('POST', `/${biz.id}/campaigns`, body);
  if (res.status !== 200) throw new Error(`campaign create failed: ${res.status} ${res.text}`);
  return res.body;
}

export async function addContact(biz: TestBusiness, contact: Record<string, unknown>) {
  const res = await biz.call('POST', `/${biz.id}/contacts`, contact);
  if (res.status !== 200) throw new Error(`contact failed: ${res.text}`);
}

export async function ledger(stack: BusinessStack, campaignId: string) {
  return stack.prisma.campaignRecipient.findMany({ where: { campaignId }, orderBy: { seq: 'asc' } });
}
