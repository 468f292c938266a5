import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { createTemplate, goodTemplate } from '@switchboard/testkit/business/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type GraphError = { error: { code: number; type: string; message: string; error_subcode?: number } };

// Every tenancy, template and contact endpoint, called with another business's key: 404, exactly like an id that
// does not exist, and nothing changes.
describe('cross-business isolation', () => {
  let stack: BusinessStack;
  let a: TestBusiness;
  let b: TestBusiness;
  const ids = { template: '', key: '', contact: '15550001111' };
  beforeAll(async () => {
    stack = await startBusinessStack({ env: { TEMPLATE_REVIEW: 'manual' } });
    [a, b] = [await stack.business(), await stack.business()];
    ids.template = (await createTemplate(a, goodTemplate('private_one'))).id;
    ids.key = (await a.call<{ id: string }>('POST', `/${a.id}/api_keys`, { name: 'a' })).body.id;
    await a.call('POST', `/${a.id}/contacts`, { wa_id: ids.contact, profile_name: 'Secret' });
  });
  afterAll(() => stack.close());

  const attempts = (): [string, string, unknown?][] => [
    ['GET', `/${a.id}`],
    ['GET', `/${a.phoneNumberId}`],
    ['GET', `/${ids.template}`],
    ['POST', `/${ids.template}`, { category: 'MARKETING' }],
    ['DELETE', `/${ids.template}`],
    ['GET', `/${a.id}/phone_numbers`],
    ['GET', `/${a.id}/api_keys`],
    ['POST', `/${a.id}/api_keys`, { name: 'intruder' }],
    ['DELETE', `/${a.id}/api_keys/${ids.key}`],
    ['DELETE', `/${b.id}/api_keys/${ids.key}`],
    ['GET', `/${a.id}/message_templates`],
    ['POST', `/${a.id}/message_templates`, goodTemplate('intruder')],
    ['DELETE', `/${a.id}/message_templates?name=private_one`],
    ['DELETE', `/${b.id}/message_templates?name=private_one&hsm_id=${ids.template}`],
    ['GET', `/${a.id}/contacts`],
    ['POST', `/${a.id}/contacts`, { wa_id: ids.contact, profile_name: 'Intruder' }],
    ['GET', `/${a.id}/contacts/${ids.contact}`],
    ['GET', `/${b.id}/contacts/${ids.contact}`],
    ['POST', `/${a.id}/contacts/${ids.contact}/opt_out`, {}],
    ['POST', `/${a.id}/contacts/${ids.contact}/opt_in`, {}],
  ];

  it('answers 404 to every endpoint, with the same error as an id that does not exist', async () => {
    const missing = await b.call<GraphError>('GET', '/1000000000000001');
    for (const [method, path, body] of attempts()) {
      const res = await b.call<GraphError>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error, `${method} ${path}`).toMatchObject({
        code: missing.body.error.code,
        type: missing.body.error.type,
        error_subcode: missing.body.error.error_subcode,
      });
      expect(res.text, `${method} ${path}`).not.toContain('Secret');
      expect(res.text).not.toContain('private_one');
    }
  });

  it('left the first business’s data as it was', async () => {
    const template = await a.call<{ status: string; category: string }>('GET', `/${ids.template}`);
    expect(template.body).toMatchObject({ status: 'PENDING', category: 'UTILITY' });
    const contact = await a.call<{ profile_name: string; opt_status: string }>(
      'GET',
      `/${a.id}/contacts/${ids.contact}`,
    );
    expect(contact.body).toMatchObject({ profile_name: 'Secret', opt_status: 'UNKNOWN' });
    const keys = await a.call<{ data: { id: string; revoked_time: string | null }[] }>('GET', `/${a.id}/api_keys`);
    expect(keys.body.data.find((k) => k.id === ids.key)?.revoked_time).toBeNull();
    expect(keys.body.data).toHaveLength(2);
    expect(await stack.prisma.messageTemplate.count({ where: { name: 'intruder' } })).toBe(0);
  });
});
