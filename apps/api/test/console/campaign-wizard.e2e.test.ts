import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import {
  addContact,
  approvedTemplate,
  type Campaign,
  campaignBody,
  randomConsumer,
} from '@switchboard/testkit/campaigns/api';
import { type Operator, Operators } from '@switchboard/testkit/console/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Check {
  report: NonNullable<Campaign['report']>;
  sample: Record<string, unknown> | null;
  category: string;
  estimate: { seconds: number; sending_seconds: number; over_limit: number; messaging_limit: { remaining: number } };
}

// The wizard's two calls: a check that says what a create would make of the request and keeps nothing, then the launch.
describe('console campaign wizard API', () => {
  let stack: BusinessStack;
  let business: TestBusiness;
  let owner: Operator;
  let operators: Operators;
  const campaigns = () => `/console/v1/businesses/${business.id}/campaigns`;

  beforeAll(async () => {
    stack = await startBusinessStack();
    business = await stack.business();
    await approvedTemplate(business, 'wizard_promo', 'MARKETING');
    operators = Operators.of(stack.api.app, stack.api.url);
    owner = await operators.owner(business.id);
  }, 120_000);
  afterAll(() => stack.close());

  /** Ledger rows of these inputs (random numbers: no other test's). */
  const ledgerRows = (inputs: string[]) => stack.prisma.campaignRecipient.count({ where: { input: { in: inputs } } });

  it('check: the report a create would answer, the first complete row, an estimate; nothing is kept', async () => {
    const optedOut = randomConsumer();
    await addContact(business, { wa_id: optedOut });
    await business.call('POST', `/${business.id}/contacts/${optedOut}/opt_out`, {});
    const [a, b] = [randomConsumer(), randomConsumer()];
    const csv = ['phone,first_name', `${a},`, `+${b},Bea`, `${b},Bea again`, 'nope,X', `${optedOut},Olga`].join('\n');
    const checked = await owner.call<Check>(
      'POST',
      `${campaigns()}/check`,
      campaignBody(business, 'wizard_promo', { csv }),
    );
    expect(checked.status, checked.text).toBe(200);
    expect(checked.body.report).toMatchObject({
      recipients: 5,
      pending: 1,
      invalid: 1,
      duplicates: 1,
      opted_out: 1,
      missing_variable: 1,
    });
    expect(checked.body.report.samples.map((s) => [s.row, s.reason])).toEqual([
      [1, 'missing_variable'],
      [3, 'duplicate'],
      [4, 'invalid_number'],
      [5, 'opted_out'],
    ]);
    expect(checked.body.sample).toEqual({ first_name: 'Bea' });
    expect(checked.body.category).toBe('MARKETING');
    // A new business is at TIER_250 with nothing used: one recipient fits today's budget.
    expect(checked.body.estimate).toMatchObject({ over_limit: 0, sending_seconds: 1, seconds: 1 });
    expect(checked.body.estimate.messaging_limit.remaining).toBe(250);
    expect(await ledgerRows([a, `+${b}`, optedOut])).toBe(0);
    expect(await stack.prisma.campaign.count({ where: { businessId: business.id } })).toBe(0);
  });

  it('check refuses as a create does, in the error envelope', async () => {
    const badCsv = await owner.call<{ error: { code: number; error_data: { details: string } } }>(
      'POST',
      `${campaigns()}/check`,
      campaignBody(business, 'wizard_promo', { csv: 'name\nAna' }),
    );
    expect([badCsv.status, badCsv.body.error.code]).toEqual([400, 100]);
    expect(badCsv.body.error.error_data.details).toContain('audience.csv');
    const noTemplate = await owner.call<{ error: { code: number } }>(
      'POST',
      `${campaigns()}/check`,
      campaignBody(business, 'no_such_template', { csv: `phone,first_name\n${randomConsumer()},A` }),
    );
    expect(noTemplate.status).toBe(404);
  });

  it('launch: one campaign per Idempotency-Key, as a create through the API', async () => {
    const body = campaignBody(
      business,
      'wizard_promo',
      { csv: `phone,first_name\n${randomConsumer()},Ana` },
      { schedule: { at: '2031-01-01T09:00' } },
    );
    const headers = { cookie: owner.cookie, 'idempotency-key': `wizard-${Date.now()}` };
    const first = await operators.raw<Campaign>('POST', campaigns(), body, headers);
    expect([first.status, first.body.status, first.body.report?.pending]).toEqual([200, 'SCHEDULED', 1]);
    const again = await operators.raw<Campaign>('POST', campaigns(), body, headers);
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    expect(await stack.prisma.campaign.count({ where: { businessId: business.id } })).toBe(1);
  });

  it('exports the recipients as CSV, filtered as the table is, with formula-looking cells defused', async () => {
    const n = randomConsumer();
    const csv = ['phone,first_name', `+${n},Ana`, '=HYPERLINK("x"),Evil', `+${n},Dup`].join('\n');
    const created = await owner.call<Campaign>(
      'POST',
      campaigns(),
      campaignBody(business, 'wizard_promo', { csv }, { schedule: { at: '2031-01-01T09:00' } }),
    );
    expect(created.status, created.text).toBe(200);
    const all = await owner.call<string>('GET', `${campaigns()}/${created.body.id}/recipients.csv`);
    expect([all.status, all.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(all.headers.get('content-disposition')).toContain('attachment');
    expect(all.text.trim().split('\n')).toEqual([
      'row,input,wa_id,state,reason,error_code,wamid,dispatched_at',
      `1,+${n},${n},pending,,,,`,
      `2,"'=HYPERLINK(""x"")",,skipped,invalid_number,,,`,
      `3,+${n},${n},skipped,duplicate,,,`,
    ]);
    const skipped = await owner.call<string>('GET', `${campaigns()}/${created.body.id}/recipients.csv?state=skipped`);
    expect(skipped.text.trim().split('\n')).toHaveLength(3);
    const elsewhere = await owner.call('GET', `${campaigns()}/999999999999/recipients.csv`);
    expect(elsewhere.status).toBe(404);
  });
});
