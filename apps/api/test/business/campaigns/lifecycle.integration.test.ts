import { contractFetch } from '@switchboard/contract';
import { startApi } from '@switchboard/testkit/api';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import {
  approvedTemplate,
  type Campaign,
  campaignBody,
  createCampaign,
  type ErrorBody,
  ledger,
  randomConsumer,
} from '@switchboard/testkit/campaigns/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Schedules (absolute, or wall time in a time zone) and the pause / resume / cancel transitions.
describe('campaign schedule and lifecycle', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  const csv = (n = 3) => `phone,first_name\n${Array.from({ length: n }, () => `${randomConsumer()},A`).join('\n')}`;
  const make = (extra: object = {}) => createCampaign(biz, campaignBody(biz, 'promo', { csv: csv() }, extra));
  const act = (id: string, action: string) =>
    biz.call<Campaign & ErrorBody>('POST', `/${biz.id}/campaigns/${id}/${action}`);
  const refused = async (id: string, action: string, status: string) => {
    const res = await act(id, action);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(100);
    expect(res.body.error.error_data?.details).toContain(`is ${status}`);
  };

  beforeAll(async () => {
    stack = await startBusinessStack({ env: { TEMPLATE_REVIEW: 'manual' } });
    biz = await stack.business();
    await approvedTemplate(biz, 'promo', 'MARKETING');
  });
  afterAll(() => stack.close());

  it('a wall time is read in time_zone, else in the business time zone; an offset is absolute', async () => {
    const ny = await make({ schedule: { at: '2031-03-10T09:00', time_zone: 'America/New_York' } });
    expect(ny).toMatchObject({ status: 'SCHEDULED', scheduled_at: '2031-03-10T13:00:00.000Z' });
    expect(ny.started_at).toBeUndefined();
    const winter = await make({ schedule: { at: '2031-01-10T09:00:00', time_zone: 'America/New_York' } });
    expect(winter.scheduled_at).toBe('2031-01-10T14:00:00.000Z');
    const offset = await make({ schedule: { at: '2031-03-10T09:00+01:00', time_zone: 'America/New_York' } });
    expect(offset.scheduled_at).toBe('2031-03-10T08:00:00.000Z');
    await stack.prisma.business.update({ where: { id: biz.id }, data: { timeZone: 'Asia/Tokyo' } });
    const tokyo = await make({ schedule: { at: '2031-03-10T09:00' } });
    expect(tokyo.scheduled_at).toBe('2031-03-10T00:00:00.000Z');
    await stack.prisma.business.update({ where: { id: biz.id }, data: { timeZone: 'UTC' } });
  });

  it('honours Idempotency-Key on create as sends do: a retry answers the same campaign, another body is a 422', async () => {
    const body = campaignBody(biz, 'promo', { csv: csv(3) });
    const create = (b: unknown, key: string) =>
      biz.call<Campaign & ErrorBody>('POST', `/${biz.id}/campaigns`, b, { 'idempotency-key': key });
    const before = await stack.prisma.campaign.count({ where: { businessId: biz.id } });
    const first = await create(body, 'spring-sale-1');
    expect(first.status, first.text).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retry = await create(JSON.parse(JSON.stringify(body)), 'spring-sale-1');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const changed = await create({ ...body, name: 'Another sale' }, 'spring-sale-1');
    expect([changed.status, changed.body.error?.code]).toEqual([422, 100]);
    expect(changed.body.error.error_data?.details).toMatch(/^Idempotency-Key: /);
    // First attempts racing one another with a fresh key, on two API nodes, make one campaign too.
    const node2 = await startApi();
    const onNode2 = (b: unknown, key: string) =>
      contractFetch<Campaign & ErrorBody>(`${node2.url}/v23.0/${biz.id}/campaigns`, {
        method: 'POST',
        headers: { authorization: `Bearer ${biz.token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(b),
      });
    const key = 'spring-sale-2';
    const race = await Promise.all([create(body, key), onNode2(body, key), create(body, key), onNode2(body, key)]);
    await node2.close();
    expect(race.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(race.map((r) => r.body.id)).size).toBe(1);
    expect(race.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(3);
    expect(await stack.prisma.campaign.count({ where: { businessId: biz.id } })).toBe(before + 2);
    expect(await stack.prisma.campaignRecipient.count({ where: { campaignId: race[0]!.body.id } })).toBe(3);
  });

  it('a schedule in the past starts at once; bad times and zones are 100 naming the field', async () => {
    const past = await make({ schedule: { at: '2020-01-01T00:00:00Z' } });
    expect(past.status).toBe('RUNNING');
    expect(past.started_at).toBeDefined();
    for (const [schedule, field] of [
      [{ at: '2031-02-30T09:00', time_zone: 'UTC' }, 'schedule.at'],
      [{ at: 'tomorrow' }, 'schedule.at'],
      [{ at: '2031-03-10T09:00', time_zone: 'Mars/Olympus' }, 'schedule.time_zone'],
    ] as const) {
      const res = await biz.call<ErrorBody>(
        'POST',
        `/${biz.id}/campaigns`,
        campaignBody(biz, 'promo', { csv: csv() }, { schedule }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(100);
      expect(res.body.error.error_data?.details).toMatch(new RegExp(`^${field.replace('.', '\\.')}:`));
    }
  });

  it('pause and resume a running campaign; resuming a running one or pausing a paused one is refused', async () => {
    const c = await make();
    await refused(c.id, 'resume', 'RUNNING');
    const paused = await act(c.id, 'pause');
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: 'PAUSED', pause_reason: 'user' });
    await refused(c.id, 'pause', 'PAUSED');
    const resumed = await act(c.id, 'resume');
    expect(resumed.body.status).toBe('RUNNING');
    expect(resumed.body.pause_reason).toBeUndefined();
    expect(resumed.body.started_at).toBe(c.started_at);
  });

  it('a scheduled campaign paused and resumed is SCHEDULED again while its time is ahead, RUNNING after', async () => {
    const c = await make({ schedule: { at: '2031-03-10T09:00Z' } });
    expect((await act(c.id, 'pause')).body.status).toBe('PAUSED');
    expect((await act(c.id, 'resume')).body).toMatchObject({
      status: 'SCHEDULED',
      scheduled_at: '2031-03-10T09:00:00.000Z',
    });
    await act(c.id, 'pause');
    await stack.prisma.campaign.update({ where: { id: c.id }, data: { scheduledAt: new Date(Date.now() - 1000) } });
    const resumed = await act(c.id, 'resume');
    expect(resumed.body.status).toBe('RUNNING');
    expect(resumed.body.started_at).toBeDefined();
  });

  it('cancel skips every pending recipient (reason cancelled) and is final', async () => {
    const c = await make();
    // One recipient already handed to the send pipeline stays dispatched.
    await stack.prisma.campaignRecipient.update({
      where: { campaignId_seq: { campaignId: c.id, seq: 1 } },
      data: { state: 'DISPATCHED', wamid: `wamid.cancel${c.id}`, dispatchedAt: new Date() },
    });
    const cancelled = await act(c.id, 'cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(cancelled.body.cancelled_at).toBeDefined();
    expect(cancelled.body.progress).toMatchObject({ pending: 0, skipped: { total: 2, by_reason: { cancelled: 2 } } });
    expect((await ledger(stack, c.id)).map((r) => [r.state, r.reason])).toEqual([
      ['DISPATCHED', null],
      ['SKIPPED', 'cancelled'],
      ['SKIPPED', 'cancelled'],
    ]);
    await refused(c.id, 'cancel', 'CANCELLED');
    await refused(c.id, 'pause', 'CANCELLED');
    await refused(c.id, 'resume', 'CANCELLED');
    // A scheduled or paused campaign can be cancelled too; a completed one cannot be paused or cancelled.
    const scheduled = await make({ schedule: { at: '2031-03-10T09:00Z' } });
    expect((await act(scheduled.id, 'cancel')).body.status).toBe('CANCELLED');
    const done = await make();
    await stack.prisma.campaign.update({
      where: { id: done.id },
      data: { status: 'COMPLETED', completedAt: new Date() },
    });
    await refused(done.id, 'pause', 'COMPLETED');
    await refused(done.id, 'cancel', 'COMPLETED');
  });

  it('of two concurrent pauses (or cancels) exactly one wins', async () => {
    const c = await make();
    const pauses = await Promise.all([act(c.id, 'pause'), act(c.id, 'pause'), act(c.id, 'pause')]);
    expect(pauses.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    const cancels = await Promise.all([act(c.id, 'cancel'), act(c.id, 'cancel')]);
    expect(cancels.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('a campaign paused for its template resumes only once the template is APPROVED again (132015 before)', async () => {
    const own = await stack.business();
    const templateId = await approvedTemplate(own, 'flash', 'MARKETING');
    const c = await createCampaign(own, campaignBody(own, 'flash', { csv: csv(1) }));
    // What the sweeper does when the template is paused.
    await own.review(templateId, { decision: 'PAUSED' });
    await stack.prisma.campaign.update({
      where: { id: c.id },
      data: { status: 'PAUSED', pauseReason: 'template_paused' },
    });
    const early = await own.call<ErrorBody>('POST', `/${own.id}/campaigns/${c.id}/resume`);
    expect([early.status, early.body.error.code]).toEqual([400, 132015]);
    await own.review(templateId, { decision: 'APPROVED' });
    const resumed = await own.call<Campaign>('POST', `/${own.id}/campaigns/${c.id}/resume`);
    expect(resumed.body.status).toBe('RUNNING');
    // Disabled for good: 132016.
    await own.review(templateId, { decision: 'DISABLED' });
    await stack.prisma.campaign.update({
      where: { id: c.id },
      data: { status: 'PAUSED', pauseReason: 'template_disabled' },
    });
    const never = await own.call<ErrorBody>('POST', `/${own.id}/campaigns/${c.id}/resume`);
    expect([never.status, never.body.error.code]).toEqual([400, 132016]);
  });
});
