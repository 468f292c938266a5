import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the WABA and its phone numbers (Graph objects)', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  beforeAll(async () => {
    stack = await startBusinessStack();
    biz = await stack.business();
  });
  afterAll(() => stack.close());

  it('GET /{waba_id} with and without a version prefix', async () => {
    for (const path of [`/v23.0/${biz.id}`, `/${biz.id}`, `/v19.0/${biz.id}?fields=name,message_template_namespace`]) {
      const res = await stack.raw<Record<string, string>>('GET', path, `Bearer ${biz.token}`);
      expect(res.status, path).toBe(200);
      expect(res.body).toMatchObject({ id: biz.id, account_review_status: 'APPROVED' });
      expect(res.body.message_template_namespace).toMatch(/^[0-9a-f_]{36}$/);
    }
  });

  it('GET /{waba_id}/phone_numbers and GET /{phone_number_id}', async () => {
    const list = await biz.call<{ data: Record<string, unknown>[] }>('GET', `/${biz.id}/phone_numbers`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({
      id: biz.phoneNumberId,
      display_phone_number: expect.stringMatching(/^\+1 555 \d{3} \d{4}$/),
      quality_rating: 'GREEN',
      messaging_limit_tier: 'TIER_250',
      throughput: { level: 'STANDARD' },
      platform_type: 'CLOUD_API',
    });
    const one = await biz.call('GET', `/${biz.phoneNumberId}`);
    expect(one.body).toEqual(list.body.data[0]);
  });

  it('ids are 16-digit numeric strings, safe as JSON numbers', () => {
    for (const id of [biz.id, biz.phoneNumberId]) {
      expect(id).toMatch(/^[1-9][0-9]{15}$/);
      expect(Number.isSafeInteger(Number(id))).toBe(true);
    }
  });

  it('an unknown object, a non-numeric id and an unknown path all answer 404 in the envelope', async () => {
    for (const path of ['/1999999999999999', '/not-an-id', '/1999999999999999/phone_numbers']) {
      const res = await biz.call<{ error: { code: number } }>('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe(100);
    }
  });
});
