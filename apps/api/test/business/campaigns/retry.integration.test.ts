import { applyMigrations, createDatabaseIfMissing } from '@switchboard/prisma/scripts/migrations';
import { registerWithDevCode } from '@switchboard/sdk';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import {
  approvedTemplate,
  type Campaign,
  type ErrorBody,
  firstNameComponents,
  randomConsumer,
} from '@switchboard/testkit/campaigns/api';
import { client } from '@switchboard/testkit/core';
import { scratchDatabases } from '@switchboard/testkit/databases';
import { consumerDevice } from '@switchboard/testkit/devices/consumer';
import { sdkDevice } from '@switchboard/testkit/devices/sdk-device';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// "Retry the failed recipients" with real devices: a campaign whose recipients fail for a reason that can pass (a
// number with no account yet: 131026) and for one that cannot (a variable too long for the template: 132005); the
// person joins, and the retry reaches them — and only them. In a scratch database with the campaign sweep on, as the
// end-to-end campaign test.
describe('retrying a campaign’s failed recipients', () => {
  const scratch = scratchDatabases();
  let stack: BusinessStack;
  let biz: TestBusiness;

  beforeAll(async () => {
    const databaseUrl = scratch.url('cretry');
    await createDatabaseIfMissing(databaseUrl);
    await applyMigrations(databaseUrl);
    stack = await startBusinessStack({
      worker: true,
      env: {
        DATABASE_URL: databaseUrl,
        CAMPAIGNS_SWEEP: 'on',
        TEMPLATE_REVIEW: 'manual',
        OTP_SENDS_PER_CLIENT_PER_HOUR: '1000000',
        OTP_VERIFICATIONS_PER_CLIENT_PER_HOUR: '1000000',
      },
    });
    biz = await stack.business();
  }, 90_000);

  afterAll(async () => {
    await stack?.close();
    await scratch.dropAll();
  }, 60_000);

  const read = async (id: string) => (await biz.call<Campaign>('GET', `/${biz.id}/campaigns/${id}`)).body;
  const retry = (id: string) => biz.call<Campaign & ErrorBody>('POST', `/${biz.id}/campaigns/${id}/retry`);

  it('sends a new campaign to the retryable failures only, once, and reaches the person who joined since', async () => {
    await approvedTemplate(biz, 'spring_sale', 'MARKETING');
    const [ana, ben] = await Promise.all([consumerDevice(stack.api), consumerDevice(stack.api)]);
    await ana!.connect();
    await ben!.connect();
    const newcomer = randomConsumer(); // no account yet: 131026
    const csv = [
      'phone,first_name',
      `${ana!.number},Ana`,
      `+${newcomer},Cy`,
      `${ben!.number},${'B'.repeat(1100)}`, // the body would exceed 1024 characters: 132005 at dispatch
    ].join('\n');
    const created = await biz.call<Campaign>('POST', `/${biz.id}/campaigns`, {
      name: 'Spring',
      phone_number_id: biz.phoneNumberId,
      template: { name: 'spring_sale', language: { code: 'en_US' }, components: firstNameComponents },
      audience: { csv },
    });
    expect(created.status).toBe(200);
    const id = created.body.id;
    await waitFor(
      async () => {
        const p = (await read(id)).progress;
        return p.delivered === 1 && p.failed.total === 2;
      },
      'one delivered, two failed',
      60_000,
    );
    expect((await read(id)).progress.failed.by_code).toEqual({ '131026': 1, '132005': 1 });

    const joined = await registerWithDevCode(client(stack.api), `+${newcomer}`);
    const cy = await sdkDevice(stack.api, { ...joined, number: `+${newcomer}` });
    try {
      const res = await retry(id);
      expect(res.status).toBe(200);
      const again = res.body;
      expect(again.id).not.toBe(id);
      expect(again.name).toBe('Spring (retry)');
      expect(again.status).toBe('RUNNING');
      expect(again.audience).toEqual({ retry: { campaign_id: id, codes: expect.arrayContaining(['131026']) } });
      expect(again.report).toMatchObject({ recipients: 1, pending: 1 });
      expect(again.template).toEqual({ name: 'spring_sale', language: { code: 'en_US' } });

      await waitFor(async () => cy.inbox.length >= 1, 'the retry at the newcomer', 60_000);
      expect(cy.inbox.map((m) => m.text)).toEqual(['Hello Cy, our sale starts today.']);
      await waitFor(async () => (await read(again.id)).progress.delivered === 1, 'the retry delivered', 30_000);
      expect((await read(again.id)).status).toBe('COMPLETED');

      // Nothing left: the 132005 is not retryable, and the 131026 was retried already.
      const twice = await retry(id);
      expect(twice.status).toBe(400);
      expect(twice.body.error.code).toBe(100);
      expect(twice.body.error.error_data?.details).toContain('no failed recipient left to retry');
      // A retry whose own recipients all arrived has nothing to retry either.
      expect((await retry(again.id)).status).toBe(400);
      expect(ana!.messages.map((m) => m.text)).toEqual(['Hello Ana, our sale starts today.']);
      expect(ben!.messages).toHaveLength(0);
      expect(await stack.prisma.campaign.count({ where: { businessId: biz.id } })).toBe(2);
    } finally {
      await cy.stop();
      await ana!.close();
      await ben!.close();
    }
  }, 180_000);

  it('lists the recipients with what became of them: filtered by state, code and number, a page at a time', async () => {
    type Row = { row: number; input: string; wa_id?: string; state: string; reason?: string; error_code?: string };
    type Page = { data: Row[]; paging: { cursors: { after: string }; next?: string } };
    const [campaign] = (await biz.call<{ data: Campaign[] }>('GET', `/${biz.id}/campaigns?limit=25`)).body.data.filter(
      (c) => c.name === 'Spring',
    );
    const list = async (query: string) =>
      (await biz.call<Page>('GET', `/${biz.id}/campaigns/${campaign!.id}/recipients${query}`)).body;

    const all = await list('');
    expect(all.data.map((r) => [r.row, r.state, r.error_code])).toEqual([
      [1, 'delivered', undefined],
      [2, 'failed', '131026'],
      [3, 'failed', '132005'],
    ]);
    expect((await list('?state=failed')).data.map((r) => r.row)).toEqual([2, 3]);
    expect((await list('?state=failed&code=131026')).data.map((r) => r.row)).toEqual([2]);
    expect((await list('?state=delivered')).data.map((r) => r.row)).toEqual([1]);
    const digits = all.data[1]!.wa_id!.slice(-6);
    expect((await list(`?q=${encodeURIComponent(`+ ${digits}`)}`)).data.map((r) => r.row)).toEqual([2]);

    const first = await list('?limit=2');
    expect(first.data.map((r) => r.row)).toEqual([1, 2]);
    expect(first.paging.next).toBeDefined();
    const second = await list(`?limit=2&after=${first.paging.cursors.after}`);
    expect(second.data.map((r) => r.row)).toEqual([3]);
    expect(second.paging.next).toBeUndefined();
    expect((await list('?after=not-a-cursor')).data).toEqual([]);
    expect((await biz.call('GET', `/${biz.id}/campaigns/${campaign!.id}/recipients?state=lost`)).status).toBe(400);
  });

  it('answers 404 for a campaign the business does not have', async () => {
    const res = await retry('999999999999999');
    expect(res.status).toBe(404);
    expect((await biz.call('GET', `/${biz.id}/campaigns/999999999999999/recipients`)).status).toBe(404);
    expect(res.body.error.code).toBeTypeOf('number');
  });
});
