import { OPERATOR_TOKEN } from '@switchboard/testkit/api';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { createTemplate, goodTemplate } from '@switchboard/testkit/business/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type GraphError = {
  error: { code: number; type: string; error_data?: { messaging_product: string; details: string } };
};

// Malformed input gets 400, code 100, with the field named first in error_data.details — never a 500.
describe('malformed requests', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let template = '';
  beforeAll(async () => {
    stack = await startBusinessStack({ env: { TEMPLATE_REVIEW: 'manual' } });
    biz = await stack.business();
    template = (await createTemplate(biz, goodTemplate('valid_one'))).id;
    await biz.review(template, { decision: 'APPROVED' });
  });
  afterAll(() => stack.close());

  // Review decisions take the platform operator's credential; everything else the business's key.
  const authFor = (path: string) => `Bearer ${path.endsWith('/review') ? OPERATOR_TOKEN : biz.token}`;
  const body = (text: string) => ({
    name: 'x',
    language: 'en',
    category: 'UTILITY',
    components: [{ type: 'BODY', text }],
  });
  const cases = (): [string, string, unknown, string][] => [
    ['POST', `/${biz.id}/message_templates`, {}, 'name'],
    ['POST', `/${biz.id}/message_templates`, { ...body('hi'), name: 'Bad Name' }, 'name'],
    ['POST', `/${biz.id}/message_templates`, { ...body('hi'), language: 'english' }, 'language'],
    ['POST', `/${biz.id}/message_templates`, { ...body('hi'), category: 'SPAM' }, 'category'],
    ['POST', `/${biz.id}/message_templates`, { ...body('hi'), components: [] }, 'components'],
    ['POST', `/${biz.id}/message_templates`, { ...body('hi'), components: [{ type: 'BODY' }] }, 'components[0].text'],
    [
      'POST',
      `/${biz.id}/message_templates`,
      { ...body('hi'), components: [{ type: 'CAROUSEL' }] },
      'components[0].type',
    ],
    [
      'POST',
      `/${biz.id}/message_templates`,
      { ...body('hi'), components: [{ type: 'header', format: 'gif' }] },
      'components[0].format',
    ],
    [
      'POST',
      `/${biz.id}/message_templates`,
      {
        ...body('hi'),
        components: [
          { type: 'BODY', text: 'hi' },
          { type: 'BUTTONS', buttons: [{ type: 'CALL_ME', text: 'x' }] },
        ],
      },
      'components[1].buttons[0].type',
    ],
    [
      'POST',
      `/${biz.id}/message_templates`,
      {
        ...body('hi'),
        components: [
          { type: 'BODY', text: 'hi' },
          { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'x', url: 'ftp://x' }] },
        ],
      },
      'components[1].buttons[0].url',
    ],
    ['POST', `/${template}`, {}, 'components'],
    ['POST', `/${template}`, { category: 'SOMETHING' }, 'category'],
    ['POST', `/${template}`, { components: [{ type: 'FOOTER', text: 'only a footer' }] }, 'components'],
    ['POST', `/${template}/review`, {}, 'decision'],
    ['POST', `/${template}/review`, { decision: 'MAYBE' }, 'decision'],
    ['POST', '/not-a-number/review', { decision: 'APPROVED' }, 'template_id'],
    ['DELETE', `/${biz.id}/message_templates`, undefined, 'name'],
    ['DELETE', `/${biz.id}/message_templates?name=valid_one&hsm_id=abc`, undefined, 'hsm_id'],
    ['GET', `/${biz.id}/message_templates?limit=0`, undefined, 'limit'],
    ['GET', `/${biz.id}/message_templates?status=weird`, undefined, 'status'],
    ['GET', `/${biz.id}/phone_numbers?limit=1000`, undefined, 'limit'],
    ['GET', `/${biz.id}?fields=${'x'.repeat(1001)}`, undefined, 'fields'],
    ['POST', `/${biz.id}/api_keys`, { name: '' }, 'name'],
    ['POST', `/${biz.id}/api_keys`, { name: 5 }, 'name'],
    ['DELETE', `/${biz.id}/api_keys/abc`, undefined, 'api_key_id'],
    ['POST', `/${biz.id}/contacts`, {}, 'wa_id'],
    ['POST', `/${biz.id}/contacts`, { wa_id: '12' }, 'wa_id'],
    ['POST', `/${biz.id}/contacts`, { wa_id: '15551234567', tags: 'vip' }, 'tags'],
    ['POST', `/${biz.id}/contacts`, { wa_id: '15551234567', attributes: { nested: { no: 1 } } }, 'attributes.nested'],
    ['GET', `/${biz.id}/contacts/abc`, undefined, 'wa_id'],
    ['GET', `/${biz.id}/contacts?opt_status=maybe`, undefined, 'opt_status'],
    ['POST', `/${biz.id}/contacts/15551234567/opt_in`, { source: '' }, 'source'],
  ];

  it('names the field in error_data.details', async () => {
    for (const [method, path, payload, field] of cases()) {
      const res = await stack.raw<GraphError>(method, `/v23.0${path}`, authFor(path), payload);
      const where = `${method} ${path} ${JSON.stringify(payload)?.slice(0, 80)}`;
      expect(res.status, where).toBe(400);
      expect(res.body.error.code, where).toBe(100);
      expect(res.body.error.error_data?.details, where).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: `));
    }
  });

  it('answers bad JSON and odd bodies with 400, code 100, never a 500', async () => {
    const posts = [
      `/${biz.id}/message_templates`,
      `/${template}`,
      `/${template}/review`,
      `/${biz.id}/api_keys`,
      `/${biz.id}/contacts`,
    ];
    const bodies = [
      '{"name":',
      'null',
      '[]',
      '"text"',
      '42',
      '{"components":null}',
      '{"name":{"$gt":""}}',
      JSON.stringify({ a: [[[[[]]]]] }),
    ];
    for (const path of posts)
      for (const raw of bodies) {
        const res = await stack.raw<GraphError>('POST', `/v23.0${path}`, authFor(path), raw);
        expect(res.status, `${path} ${raw}`).toBeLessThan(500);
        if (res.status !== 200) expect(res.body.error.code, `${path} ${raw}`).toBe(100);
      }
  });
});
