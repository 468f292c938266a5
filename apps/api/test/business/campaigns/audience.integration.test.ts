import { BusinessesService } from '@switchboard/business/tenancy/businesses.service';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import {
  addContact,
  approvedTemplate,
  type Campaign,
  campaignBody,
  createCampaign,
  type ErrorBody,
  ledger,
  randomConsumer,
} from '@switchboard/testkit/campaigns/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// POST /{waba_id}/campaigns: the audience (contacts by tags and attributes, or a CSV) becomes the ledger, and the
// report counts what will not be sent and why.
describe('campaign audiences', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  beforeAll(async () => {
    stack = await startBusinessStack({ env: { TEMPLATE_REVIEW: 'manual' } });
    biz = await stack.business();
    await approvedTemplate(biz, 'spring_sale', 'MARKETING');
    await approvedTemplate(biz, 'order_note', 'UTILITY');
  });
  afterAll(() => stack.close());

  it('from contacts: every tag and attribute pair must match; opt-outs (marketing) and missing variables are skipped', async () => {
    const [ana, bo, cy, dee, eve] = [1, 2, 3, 4, 5].map(() => randomConsumer());
    await addContact(biz, { wa_id: ana, tags: ['vip', 'lisbon'], attributes: { first_name: 'Ana', tier: 2 } });
    await addContact(biz, { wa_id: bo, tags: ['vip', 'lisbon', 'new'], attributes: { first_name: 'Bo', tier: 2 } });
    await addContact(biz, { wa_id: cy, tags: ['vip', 'lisbon'], attributes: { tier: 2 } }); // no first_name
    await addContact(biz, { wa_id: dee, tags: ['vip', 'lisbon'], attributes: { first_name: 'Dee', tier: 2 } });
    await addContact(biz, { wa_id: eve, tags: ['vip'], attributes: { first_name: 'Eve', tier: 2 } }); // not lisbon
    await biz.call('POST', `/${biz.id}/contacts/${dee}/opt_out`, {});
    // A contact that matches the tags but not the attributes (tier 3), and one whose tier is the string "2".
    await addContact(biz, {
      wa_id: randomConsumer(),
      tags: ['vip', 'lisbon'],
      attributes: { first_name: 'F', tier: 3 },
    });
    await addContact(biz, {
      wa_id: randomConsumer(),
      tags: ['vip', 'lisbon'],
      attributes: { first_name: 'G', tier: '2' },
    });

    const audience = { tags: ['vip', 'lisbon'], attributes: { tier: 2 } };
    const c = await createCampaign(biz, campaignBody(biz, 'spring_sale', audience));
    expect(c).toMatchObject({ status: 'RUNNING', recipients: 4, audience, template: { name: 'spring_sale' } });
    expect(c.started_at).toBeDefined();
    expect(c.report).toMatchObject({
      recipients: 4,
      pending: 2,
      invalid: 0,
      duplicates: 0,
      opted_out: 1,
      missing_variable: 1,
    });
    expect(c.report!.samples.map((s) => [s.input, s.reason]).sort()).toEqual(
      [
        [cy, 'missing_variable'],
        [dee, 'opted_out'],
      ].sort(),
    );
    expect(c.progress).toMatchObject({
      pending: 2,
      skipped: { total: 2, by_reason: { opted_out: 1, missing_variable: 1 } },
    });

    // seq follows wa_id order; a row keeps only the variables the template uses.
    const rows = await ledger(stack, c.id);
    expect(rows.map((r) => r.waId)).toEqual([ana, bo, cy, dee].sort());
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rows.find((r) => r.waId === ana)).toMatchObject({ state: 'PENDING', variables: { first_name: 'Ana' } });

    // A UTILITY template does not skip opted-out contacts.
    const utility = await createCampaign(biz, campaignBody(biz, 'order_note', audience));
    expect(utility.report).toMatchObject({ recipients: 4, pending: 3, opted_out: 0, missing_variable: 1 });
  });

  it('from contacts: wa_id and profile_name are variables too; an audience matching nobody is refused', async () => {
    const id = randomConsumer();
    await addContact(biz, { wa_id: id, profile_name: 'Hana', tags: ['profile-test'] });
    const c = await createCampaign(biz, {
      ...campaignBody(biz, 'spring_sale', { tags: ['profile-test'] }),
      template: {
        name: 'spring_sale',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: '{{profile_name}} ({{wa_id}})' }] }],
      },
    });
    expect(c.report).toMatchObject({ recipients: 1, pending: 1 });
    expect((await ledger(stack, c.id))[0]!.variables).toEqual({ profile_name: 'Hana', wa_id: id });

    const none = await biz.call<ErrorBody>(
      'POST',
      `/${biz.id}/campaigns`,
      campaignBody(biz, 'spring_sale', { tags: ['nobody-has-this'] }),
    );
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe(100);
    expect(none.body.error.error_data?.details).toMatch(/^audience/);
  });

  it('from a CSV: quotes per RFC 4180, exact counts of invalid, duplicate, opted-out and missing-variable rows', async () => {
    const [a, b, c, d] = [randomConsumer(), randomConsumer(), randomConsumer(), randomConsumer()];
    await biz.call('POST', `/${biz.id}/contacts/${c}/opt_out`, {});
    const csv = [
      'Phone,first_name,note',
      `${a},"Ana ""the Great"", Jr.","multi`,
      `line"`,
      `not a number,Bo,`,
      `+${a.slice(0, 2)} ${a.slice(2)},Ana again,`, // the same number written differently: a duplicate
      '',
      `${c},Cy,`, // opted out of marketing
      `${d},,`, // no first_name
      `12,Short,`,
      `${b},Bea,x`,
    ].join('\r\n');
    const created = await createCampaign(biz, campaignBody(biz, 'spring_sale', { csv }));
    expect(created.report).toEqual({
      recipients: 7,
      pending: 2,
      invalid: 2,
      duplicates: 1,
      opted_out: 1,
      missing_variable: 1,
      samples: [
        { row: 2, input: 'not a number', reason: 'invalid_number' },
        { row: 3, input: `+${a.slice(0, 2)} ${a.slice(2)}`, reason: 'duplicate' },
        { row: 4, input: c, reason: 'opted_out' },
        { row: 5, input: d, reason: 'missing_variable' },
        { row: 6, input: '12', reason: 'invalid_number' },
      ],
    });
    expect(created.audience).toEqual({ csv: { rows: 7, columns: ['Phone', 'first_name', 'note'] } });
    const rows = await ledger(stack, created.id);
    expect(rows.map((r) => [r.seq, r.waId, r.state, r.reason])).toEqual([
      [1, a, 'PENDING', null],
      [2, null, 'SKIPPED', 'invalid_number'],
      [3, a, 'SKIPPED', 'duplicate'],
      [4, c, 'SKIPPED', 'opted_out'],
      [5, d, 'SKIPPED', 'missing_variable'],
      [6, null, 'SKIPPED', 'invalid_number'],
      [7, b, 'PENDING', null],
    ]);
    expect(rows[0]!.variables).toEqual({ first_name: 'Ana "the Great", Jr.' });
  });

  it('from a CSV: national numbers take the sending number country; wa_id / to / phone_number name the column', async () => {
    const number = await stack.api.app.get(BusinessesService).addNumber(biz.id, '+16502345600', 'US line');
    const csv = 'TO,first_name\n(650) 234-5678,Dan\n+1 650 234 5679,Eli\n';
    const c = await createCampaign(biz, { ...campaignBody(biz, 'spring_sale', { csv }), phone_number_id: number.id });
    expect(c.report).toMatchObject({ recipients: 2, pending: 2, invalid: 0 });
    expect((await ledger(stack, c.id)).map((r) => r.waId)).toEqual(['16502345678', '16502345679']);
    const byWaId = await createCampaign(
      biz,
      campaignBody(biz, 'order_note', { csv: `wa_id,first_name\n${randomConsumer()},Z` }),
    );
    expect(byWaId.report).toMatchObject({ recipients: 1, pending: 1 });
  });

  it('refuses CSVs without a number column, with broken quotes, over 200,000 rows or over 5 MB (100 naming audience.csv)', async () => {
    const refused = async (csv: string) => {
      const res = await biz.call<ErrorBody>('POST', `/${biz.id}/campaigns`, campaignBody(biz, 'spring_sale', { csv }));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(100);
      return res.body.error.error_data!.details;
    };
    expect(await refused('name,first_name\nAna,Ana')).toMatch(/^audience\.csv: .*number column/);
    expect(await refused('phone,to\n1,2')).toMatch(/^audience\.csv: .*2 number columns/);
    expect(await refused(`phone,first_name\n${randomConsumer()},"Ana`)).toMatch(/^audience\.csv: line 2: .*not closed/);
    expect(await refused('phone\n')).toMatch(/^audience\.csv: no rows/);
    expect(await refused(`phone\n${'447700900123\n'.repeat(200_001)}`)).toMatch(
      /^audience\.csv: more than 200000 rows/,
    );
    // Over 5 MB (the request itself is accepted: this route's body limit is above 5 MB).
    expect(await refused(`phone,pad\n${`447700900123,${'x'.repeat(1000)}\n`.repeat(5300)}`)).toMatch(
      /^audience\.csv: at most 5242880 bytes/,
    );
  });

  it('a CSV of 200,000 rows is accepted and written in order', async () => {
    const base = randomConsumer().slice(0, 6);
    const lines = Array.from({ length: 200_000 }, (_, i) => `+${base}${String(i).padStart(6, '0')},N${i}`);
    const c = await createCampaign(
      biz,
      campaignBody(biz, 'order_note', { csv: `phone,first_name\n${lines.join('\n')}` }),
    );
    expect(c.recipients).toBe(200_000);
    expect(c.report!.recipients).toBe(200_000);
    expect(c.report!.pending + c.report!.invalid).toBe(200_000);
    const last = await stack.prisma.campaignRecipient.findFirst({ where: { campaignId: c.id, seq: 200_000 } });
    expect(last?.input).toBe(`+${base}199999`);
  }, 120_000);

  it('the template is checked as a single send: 132001 unknown, 132015 paused, 132000 wrong parameter count', async () => {
    const csv = `phone,first_name\n${randomConsumer()},Ana`;
    const send = (body: unknown) => biz.call<ErrorBody>('POST', `/${biz.id}/campaigns`, body);
    const unknown = await send(campaignBody(biz, 'no_such_template', { csv }));
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 132001]);
    const wrongCount = await send({
      ...campaignBody(biz, 'spring_sale', { csv }),
      template: { name: 'spring_sale', language: { code: 'en_US' }, components: [] },
    });
    expect([wrongCount.status, wrongCount.body.error.code]).toEqual([400, 132000]);
    const badShape = await send({
      ...campaignBody(biz, 'spring_sale', { csv }),
      template: { name: 'spring_sale', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{}] }] },
    });
    expect([badShape.status, badShape.body.error.code]).toEqual([400, 100]);
    expect(badShape.body.error.error_data?.details).toMatch(/^template\.components\[0\]\.parameters\[0\]/);
    const paused = await stack.business();
    await approvedTemplate(paused, 'paused_one', 'MARKETING');
    const t = await stack.prisma.messageTemplate.findFirstOrThrow({ where: { businessId: paused.id } });
    await paused.review(t.id, { decision: 'PAUSED' });
    const res = await paused.call<ErrorBody>(
      'POST',
      `/${paused.id}/campaigns`,
      campaignBody(paused, 'paused_one', { csv }),
    );
    expect([res.status, res.body.error.code]).toEqual([400, 132015]);
    // Nothing was written for the refused campaigns.
    expect(await stack.prisma.campaign.count({ where: { businessId: paused.id } })).toBe(0);
  });

  it("another business's phone number does not exist for this one", async () => {
    const other = await stack.business();
    const res = await biz.call<ErrorBody>('POST', `/${biz.id}/campaigns`, {
      ...campaignBody(biz, 'spring_sale', { csv: `phone,first_name\n${randomConsumer()},A` }),
      phone_number_id: other.phoneNumberId,
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(`phone number '${other.phoneNumberId}' does not exist`);
  });

  it('lists campaigns newest first, with paging and a status filter', async () => {
    const fresh = await stack.business();
    await approvedTemplate(fresh, 'list_one', 'UTILITY');
    const csv = `phone,first_name\n${randomConsumer()},A`;
    const made: Campaign[] = [];
    for (let i = 0; i < 3; i++) made.push(await createCampaign(fresh, campaignBody(fresh, 'list_one', { csv })));
    const first = await fresh.call<{ data: Campaign[]; paging: { next?: string } }>(
      'GET',
      `/${fresh.id}/campaigns?limit=2`,
    );
    expect(first.body.data.map((c) => c.id)).toEqual([made[2]!.id, made[1]!.id]);
    expect(first.body.data[0]!.progress.pending).toBe(1);
    const next = new URL(first.body.paging.next!);
    const second = await fresh.call<{ data: Campaign[] }>('GET', `/${fresh.id}/campaigns${next.search}`);
    expect(second.body.data.map((c) => c.id)).toEqual([made[0]!.id]);
    const paused = await fresh.call<{ data: Campaign[] }>('GET', `/${fresh.id}/campaigns?status=paused`);
    expect(paused.body.data).toEqual([]);
  });
});
