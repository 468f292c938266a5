import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { type Operator, Operators } from '@switchboard/testkit/console/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Contact {
  wa_id: string;
  tags: string[];
}

// The console reads the business API's contact book: the same search, filters and keyset paging by number.
describe('console contacts', () => {
  let stack: BusinessStack;
  let business: TestBusiness;
  let viewer: Operator;
  const contacts = () => `/console/v1/businesses/${business.id}/contacts`;

  beforeAll(async () => {
    stack = await startBusinessStack();
    business = await stack.business();
    const operators = Operators.of(stack.api.app, stack.api.url);
    viewer = await operators.invited(await operators.owner(business.id), business.id, 'viewer');
    for (let i = 0; i < 5; i++)
      await business.call('POST', `/${business.id}/contacts`, { wa_id: `1555000100${i}`, tags: i % 2 ? ['vip'] : [] });
  }, 120_000);
  afterAll(() => stack.close());

  it('searches, filters by tag and pages by number; one contact reads; an unknown one is a 404', async () => {
    const first = await viewer.call<{ data: Contact[]; paging: { cursors: { after: string } } }>(
      'GET',
      `${contacts()}?search=15550001&limit=2`,
    );
    expect(first.body.data.map((c) => c.wa_id)).toEqual(['15550001000', '15550001001']);
    const next = await viewer.call<{ data: Contact[] }>(
      'GET',
      `${contacts()}?search=15550001&limit=2&after=${first.body.paging.cursors.after}`,
    );
    expect(next.body.data.map((c) => c.wa_id)).toEqual(['15550001002', '15550001003']);
    const vip = await viewer.call<{ data: Contact[] }>('GET', `${contacts()}?tag=vip`);
    expect(vip.body.data.map((c) => c.wa_id)).toEqual(['15550001001', '15550001003']);
    expect((await viewer.call<Contact>('GET', `${contacts()}/15550001004`)).body.wa_id).toBe('15550001004');
    const missing = await viewer.call<{ error: { code: number } }>('GET', `${contacts()}/15550009999`);
    expect(missing.status).toBe(404);
  });
});
