import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { randomConsumer } from '@switchboard/testkit/campaigns/api';
import { type Operator, Operators } from '@switchboard/testkit/console/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Contact {
  wa_id: string;
  profile_name: string | null;
  opt_status: string;
  tags: string[];
  attributes: Record<string, unknown>;
}
interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  invalid: number;
  duplicates: number;
  samples: { row: number; input: string; reason: string }[];
}

// The console reads the business API's contact book: the same search, filters and keyset paging by number.
describe('console contacts', () => {
  let stack: BusinessStack;
  let business: TestBusiness;
  let viewer: Operator;
  let owner: Operator;
  const contacts = () => `/console/v1/businesses/${business.id}/contacts`;

  beforeAll(async () => {
    stack = await startBusinessStack();
    business = await stack.business();
    const operators = Operators.of(stack.api.app, stack.api.url);
    owner = await operators.owner(business.id);
    viewer = await operators.invited(owner, business.id, 'viewer');
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

  it('imports a CSV with mapped columns: new contacts created, known ones merged, bad rows reported and left out', async () => {
    const [known, fresh] = [randomConsumer(), randomConsumer()];
    await business.call('POST', `/${business.id}/contacts`, {
      wa_id: known,
      profile_name: 'Old name',
      tags: ['lisbon'],
      attributes: { plan: 'gold', city: 'Lisbon' },
    });
    const csv = [
      'Mobile,Name,Labels,city,Ignored',
      `+${known},Ana Maria,vip;new,Porto,x`,
      `+${fresh},"Ben, Jr.",,Faro,y`,
      'call me,Nobody,,,',
      `${fresh},Ben again,,,`,
    ].join('\n');
    const res = await owner.call<ImportReport>('POST', `${contacts()}/import`, {
      csv,
      columns: { phone: 'Mobile', profile_name: 'Name', tags: 'Labels', attributes: ['city'] },
      tags: ['imported'],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      rows: 4,
      created: 1,
      updated: 1,
      invalid: 1,
      duplicates: 1,
      samples: [
        { row: 3, input: 'call me', reason: 'invalid_number' },
        { row: 4, input: fresh, reason: 'duplicate' },
      ],
    });
    const merged = (await viewer.call<Contact>('GET', `${contacts()}/${known}`)).body;
    expect(merged).toMatchObject({ profile_name: 'Ana Maria', tags: ['imported', 'lisbon', 'new', 'vip'] });
    expect(merged.attributes).toEqual({ plan: 'gold', city: 'Porto' });
    const created = (await viewer.call<Contact>('GET', `${contacts()}/${fresh}`)).body;
    expect(created).toMatchObject({ profile_name: 'Ben, Jr.', tags: ['imported'], attributes: { city: 'Faro' } });

    const unmapped = await owner.call<{ error: { code: number; error_data: { details: string } } }>(
      'POST',
      `${contacts()}/import`,
      { csv, columns: { phone: 'Phone' } },
    );
    expect([unmapped.status, unmapped.body.error.code]).toEqual([400, 100]);
    expect(unmapped.body.error.error_data.details).toContain('columns.phone');
  });

  it('edits a contact and keeps its opt-ins and opt-outs as a history', async () => {
    const n = randomConsumer();
    await business.call('POST', `/${business.id}/contacts/${n}/opt_in`, { source: 'web form' });
    await business.call('POST', `/${business.id}/contacts/${n}/opt_out`, {});
    const history = await viewer.call<{ data: { status: string; source: string; time: string }[] }>(
      'GET',
      `${contacts()}/${n}/opt_history`,
    );
    expect(history.body.data.map((e) => [e.status, e.source])).toEqual([
      ['OPTED_OUT', 'api'],
      ['OPTED_IN', 'web form'],
    ]);
    const edited = await owner.call<Contact>('PATCH', `${contacts()}/${n}`, {
      tags: ['vip'],
      attributes: { first_name: 'Ana' },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ wa_id: n, tags: ['vip'], attributes: { first_name: 'Ana' } });
    expect(edited.body.opt_status).toBe('OPTED_OUT');
    expect((await owner.call('PATCH', `${contacts()}/15550009999`, { tags: [] })).status).toBe(404);
    expect((await owner.call('PATCH', `${contacts()}/${n}`, {})).status).toBe(400);
  });
});
