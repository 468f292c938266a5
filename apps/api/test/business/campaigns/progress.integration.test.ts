import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import {
  approvedTemplate,
  type Campaign,
  campaignBody,
  createCampaign,
  type ErrorBody,
  randomConsumer,
} from '@switchboard/testkit/campaigns/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Live progress (ledger + the campaign's BusinessMessage rows), tenant isolation and malformed bodies.
describe('campaign progress, isolation and validation', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let other: TestBusiness;
  const csvOf = (n: number) =>
    `phone,first_name\n${Array.from({ length: n }, () => `${randomConsumer()},A`).join('\n')}\nbad number,A`;

  beforeAll(async () => {
    stack = await startBusinessStack({ env: { TEMPLATE_REVIEW: 'manual' } });
    biz = await stack.business();
    other = await stack.business();
    await approvedTemplate(biz, 'promo', 'MARKETING');
    await approvedTemplate(other, 'promo', 'MARKETING');
  });
  afterAll(() => stack.close());

  it('counts pending and skipped rows from the ledger, dispatched ones by their message status and error code', async () => {
    const c = await createCampaign(biz, campaignBody(biz, 'promo', { csv: csvOf(10) }));
    expect(c.progress).toEqual({
      pending: 10,
      queued: 0,
      sent: 0,
      delivered: 0,
      read: 0,
      failed: { total: 0, by_code: {} },
      skipped: { total: 1, by_reason: { invalid_number: 1 } },
    });
    // What the dispatcher would do: 8 rows dispatched with their messages, 1 refused at dispatch (FAILED 131049).
    const rows = await stack.prisma.campaignRecipient.findMany({
      where: { campaignId: c.id },
      orderBy: { seq: 'asc' },
    });
    const statuses = ['queued', 'queued', 'sent', 'delivered', 'read', 'read', 'failed', 'failed'] as const;
    const errors = [undefined, undefined, undefined, undefined, undefined, undefined, 131026, 131047];
    for (const [i, status] of statuses.entries()) {
      const r = rows[i]!;
      const wamid = `wamid.progress${c.id}${r.seq}`;
      await stack.prisma.campaignRecipient.update({
        where: { campaignId_seq: { campaignId: c.id, seq: r.seq } },
        data: { state: 'DISPATCHED', wamid, dispatchedAt: new Date() },
      });
      await stack.prisma.businessMessage.create({
        data: {
          wamid,
          businessId: biz.id,
          phoneNumberId: biz.phoneNumberId,
          direction: 'outbound',
          waId: r.waId!,
          type: 'template',
          payload: {},
          status,
          campaignId: c.id,
          ...(errors[i] && { error: { code: errors[i], title: 'x' } }),
        },
      });
    }
    await stack.prisma.campaignRecipient.update({
      where: { campaignId_seq: { campaignId: c.id, seq: rows[8]!.seq } },
      data: { state: 'FAILED', reason: '131049' },
    });
    // A message of another campaign does not count.
    await stack.prisma.businessMessage.create({
      data: {
        wamid: `wamid.elsewhere${c.id}`,
        businessId: biz.id,
        phoneNumberId: biz.phoneNumberId,
        direction: 'outbound',
        waId: rows[0]!.waId!,
        type: 'template',
        payload: {},
        status: 'read',
        campaignId: '9999999999999999',
      },
    });
    const read = await biz.call<Campaign>('GET', `/${biz.id}/campaigns/${c.id}`);
    expect(read.status).toBe(200);
    expect(read.body.progress).toEqual({
      pending: 1,
      queued: 2,
      sent: 1,
      delivered: 1,
      read: 2,
      failed: { total: 3, by_code: { '131026': 1, '131047': 1, '131049': 1 } },
      skipped: { total: 1, by_reason: { invalid_number: 1 } },
    });
    // The list computes the same progress for every campaign of the page.
    const list = await biz.call<{ data: Campaign[] }>('GET', `/${biz.id}/campaigns`);
    expect(list.body.data.find((x) => x.id === c.id)?.progress).toEqual(read.body.progress);
    // And so does the Graph object route, GET /{campaign_id}.
    const graph = await biz.call<Campaign>('GET', `/${c.id}`);
    expect(graph.status).toBe(200);
    expect(graph.body).toEqual(read.body);
  });

  it("another business's key gets 404 on every campaign route, as if the campaign did not exist", async () => {
    const c = await createCampaign(biz, campaignBody(biz, 'promo', { csv: csvOf(1) }));
    const mine = await createCampaign(other, campaignBody(other, 'promo', { csv: csvOf(1) }));
    for (const [method, path] of [
      ['GET', `/${other.id}/campaigns/${c.id}`],
      ['GET', `/${c.id}`],
      ['POST', `/${other.id}/campaigns/${c.id}/pause`],
      ['POST', `/${other.id}/campaigns/${c.id}/resume`],
      ['POST', `/${other.id}/campaigns/${c.id}/cancel`],
      ['GET', `/${biz.id}/campaigns/${c.id}`],
      ['GET', `/${biz.id}/campaigns`],
      ['POST', `/${biz.id}/campaigns`],
      ['POST', `/${biz.id}/campaigns/${c.id}/cancel`],
    ] as const) {
      const res = await other.call<ErrorBody>(method, path, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe(100);
    }
    const list = await other.call<{ data: Campaign[] }>('GET', `/${other.id}/campaigns`);
    expect(list.body.data.map((x) => x.id)).toEqual([mine.id]);
    const still = await biz.call<Campaign>('GET', `/${biz.id}/campaigns/${c.id}`);
    expect(still.body.status).toBe('RUNNING');
  });

  it('malformed bodies and ids answer 100 naming the field, never a 500', async () => {
    const good = campaignBody(biz, 'promo', { csv: csvOf(1) });
    const cases: [unknown, RegExp][] = [
      [{ ...good, name: undefined }, /^name:/],
      [{ ...good, name: '' }, /^name:/],
      [{ ...good, phone_number_id: 'abc' }, /^phone_number_id:/],
      [{ ...good, template: { name: 'promo' } }, /^template\.language:/],
      [
        { ...good, template: { name: 'promo', language: { code: 'en_US' }, components: 'x' } },
        /^template\.components:/,
      ],
      [{ ...good, audience: undefined }, /^audience:/],
      [{ ...good, audience: {} }, /^audience:/],
      [{ ...good, audience: { csv: 'phone\n1', tags: ['a'] } }, /^audience:/],
      [{ ...good, audience: { tags: 'vip' } }, /^audience\.tags:/],
      [{ ...good, audience: { attributes: { city: { nested: true } } } }, /^audience\.attributes\.city:/],
      [{ ...good, audience: { csv: 42 } }, /^audience\.csv:/],
      [{ ...good, audience: { list: [] } }, /^audience:/],
      [{ ...good, schedule: { time_zone: 'UTC' } }, /^schedule\.at:/],
      [{ ...good, schedule: '2031-01-01' }, /^schedule:/],
      [[], /^body:/],
    ];
    for (const [body, field] of cases) {
      const res = await biz.call<ErrorBody>('POST', `/${biz.id}/campaigns`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe(100);
      expect(res.body.error.error_data?.details, JSON.stringify(body)).toMatch(field);
    }
    const notJson = await biz.call<ErrorBody>('POST', `/${biz.id}/campaigns`, '{"name": ');
    expect([notJson.status, notJson.body.error.code]).toEqual([400, 100]);
    for (const path of [`/${biz.id}/campaigns/abc`, `/${biz.id}/campaigns/abc/pause`]) {
      const res = await biz.call<ErrorBody>(path.endsWith('pause') ? 'POST' : 'GET', path);
      expect(res.status).toBe(400);
      expect(res.body.error.error_data?.details).toMatch(/^campaign_id:/);
    }
    const unknown = await biz.call<ErrorBody>('GET', `/${biz.id}/campaigns/1234567890123456`);
    expect(unknown.status).toBe(404);
    const badQuery = await biz.call<ErrorBody>('GET', `/${biz.id}/campaigns?status=sleeping`);
    expect(badQuery.body.error.error_data?.details).toMatch(/^status:/);
  });
});
