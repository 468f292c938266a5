import { OPERATOR_TOKEN } from '@switchboard/testkit/api';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import {
  createTemplate,
  goodTemplate,
  readTemplate,
  statusEvents,
  type Template,
} from '@switchboard/testkit/business/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type GraphError = { error: { code: number; type: string; error_data?: { details: string } } };

// TEMPLATE_REVIEW=manual: nothing is decided until POST /{template_id}/review (a Switchboard extension).
describe('templates under manual review', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  const review = (id: string, body: unknown) => biz.review<Template & GraphError>(id, body);
  beforeAll(async () => {
    stack = await startBusinessStack({ env: { TEMPLATE_REVIEW: 'manual' } });
    biz = await stack.business();
  });
  afterAll(() => stack.close());

  it('stays PENDING until a reviewer approves it', async () => {
    const { id } = await createTemplate(biz, goodTemplate('manual_one'));
    await new Promise((r) => setTimeout(r, 300));
    expect((await readTemplate(biz, id)).status).toBe('PENDING');
    const approved = await review(id, { decision: 'approved' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id, status: 'APPROVED' });
    expect((await statusEvents(stack, biz.id, id)).map((e) => e.event)).toEqual(['APPROVED']);
  });

  it('takes decisions only with the platform operator’s credential: no business key approves a rejected template', async () => {
    const { id } = await createTemplate(biz, goodTemplate('self_approval'));
    expect((await review(id, { decision: 'REJECTED', reason: 'SCAM' })).body.status).toBe('REJECTED');
    for (const who of [biz, await stack.business()]) {
      const attempt = await who.call<GraphError>('POST', `/${id}/review`, { decision: 'APPROVED' });
      expect(attempt.status).toBe(403);
      expect(attempt.body.error).toMatchObject({ code: 10, type: 'OAuthException' });
    }
    const forged = await stack.raw<GraphError>('POST', `/v23.0/${id}/review`, `Bearer ${OPERATOR_TOKEN}x`, {
      decision: 'APPROVED',
    });
    expect([forged.status, forged.body.error.code]).toEqual([401, 190]);
    expect((await readTemplate(biz, id)).status).toBe('REJECTED');
    expect((await statusEvents(stack, biz.id, id)).map((e) => e.event)).toEqual(['REJECTED']);

    // Without OPERATOR_TOKEN configured, no credential at all makes review decisions over HTTP.
    const closed = await startBusinessStack({ env: { TEMPLATE_REVIEW: 'manual', OPERATOR_TOKEN: '' } });
    try {
      const owner = await closed.business();
      const t = await createTemplate(owner, goodTemplate('nobody_decides'));
      expect((await owner.review<GraphError>(t.id, { decision: 'APPROVED' })).status).toBe(401);
      expect((await owner.call<GraphError>('POST', `/${t.id}/review`, { decision: 'APPROVED' })).status).toBe(403);
      expect((await readTemplate(owner, t.id)).status).toBe('PENDING');
    } finally {
      await closed.close();
    }
  });

  it('rejects with a reason (required) and the reviewer’s details', async () => {
    const { id } = await createTemplate(biz, goodTemplate('manual_two'));
    const noReason = await review(id, { decision: 'REJECTED' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({
      code: 100,
      error_data: { details: expect.stringMatching(/^reason: required/) },
    });
    const rejected = await review(id, {
      decision: 'REJECTED',
      reason: 'promotional',
      details: 'Too salesy for UTILITY.',
    });
    expect(rejected.body).toMatchObject({
      status: 'REJECTED',
      rejected_reason: 'PROMOTIONAL',
      rejection_info: { reason: 'Too salesy for UTILITY.' },
    });
    const [event] = await statusEvents(stack, biz.id, id);
    expect(event).toMatchObject({
      event: 'REJECTED',
      reason: 'PROMOTIONAL',
      rejection_info: { reason: 'Too salesy for UTILITY.' },
    });
  });

  it('pauses, unpauses and disables, with Meta’s extra webhook fields, and refuses other transitions', async () => {
    const { id } = await createTemplate(biz, goodTemplate('manual_three'));
    expect((await review(id, { decision: 'PAUSED' })).body.error?.error_data?.details).toBe(
      'decision: a PENDING template can become APPROVED or REJECTED',
    );
    await review(id, { decision: 'APPROVED' });
    expect((await review(id, { decision: 'PAUSED' })).body.status).toBe('PAUSED');
    expect((await review(id, { decision: 'APPROVED' })).body.status).toBe('APPROVED');
    expect((await review(id, { decision: 'DISABLED' })).body.status).toBe('DISABLED');
    const last = await review(id, { decision: 'APPROVED' });
    expect(last.status).toBe(400);
    expect(last.body.error.error_data?.details).toBe('decision: a DISABLED template can become nothing');
    const events = await statusEvents(stack, biz.id, id);
    expect(events.map((e) => e.event)).toEqual(['APPROVED', 'PAUSED', 'APPROVED', 'DISABLED']);
    expect(events[1]).toMatchObject({ other_info: { title: 'FIRST_PAUSE' } });
    expect(events[2]).toMatchObject({ other_info: { title: 'UNPAUSE' } });
    expect(events[3]).toMatchObject({ disable_info: { disable_date: expect.any(Number) } });
    const deleting = await biz.call<GraphError>('DELETE', `/${biz.id}/message_templates?name=manual_three`);
    expect(deleting.status).toBe(400);
    expect(deleting.body.error.error_data?.details).toMatch(/DISABLED template cannot be deleted/);
  });

  it('deletes by name (every language) or by name and hsm_id, announcing DELETED', async () => {
    const en = await createTemplate(biz, goodTemplate('goodbye', 'en'));
    const es = await createTemplate(biz, goodTemplate('goodbye', 'es'));
    const pt = await createTemplate(biz, goodTemplate('goodbye', 'pt_BR'));
    const one = await biz.call('DELETE', `/${biz.id}/message_templates?name=goodbye&hsm_id=${pt.id}`);
    expect(one).toMatchObject({ status: 200, body: { success: true } });
    expect((await biz.call('GET', `/${pt.id}`)).status).toBe(404);
    expect((await biz.call('GET', `/${en.id}`)).status).toBe(200);
    expect((await biz.call('DELETE', `/${biz.id}/message_templates?name=goodbye`)).status).toBe(200);
    for (const id of [en.id, es.id]) expect((await biz.call('GET', `/${id}`)).status).toBe(404);
    expect((await statusEvents(stack, biz.id, es.id)).map((e) => e.event)).toEqual(['DELETED']);
    expect((await biz.call('DELETE', `/${biz.id}/message_templates?name=goodbye`)).status).toBe(404);
  });

  it('lists with Graph’s filters (any case) and pages with cursors', async () => {
    const other = await stack.business();
    const ids: string[] = [];
    for (const lang of ['en', 'es', 'fr', 'de', 'it'])
      ids.push((await createTemplate(other, goodTemplate('promo', lang))).id);
    await other.review(ids[0]!, { decision: 'APPROVED' });
    await other.review(ids[1]!, { decision: 'APPROVED' });
    type List = { data: Template[]; paging: { cursors: { after: string }; next?: string } };
    const approved = await other.call<List>('GET', `/${other.id}/message_templates?status=approved&fields=name,status`);
    expect(approved.body.data.map((t) => t.language).sort()).toEqual(['en', 'es']);
    const es = await other.call<List>('GET', `/${other.id}/message_templates?language=es&name=promo&category=utility`);
    expect(es.body.data.map((t) => t.id)).toEqual([ids[1]]);
    const seen: string[] = [];
    let path = `/${other.id}/message_templates?limit=2`;
    for (let page = 0; page < 5; page++) {
      const res = await other.call<List>('GET', path);
      seen.push(...res.body.data.map((t) => t.id));
      if (!res.body.paging.next) break;
      path = `/${other.id}/message_templates?limit=2&after=${res.body.paging.cursors.after}`;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('refuses a second template with the same name and language', async () => {
    await createTemplate(biz, goodTemplate('twice'));
    const again = await biz.call<GraphError>('POST', `/${biz.id}/message_templates`, goodTemplate('twice'));
    expect(again.status).toBe(400);
    expect(again.body.error.error_data?.details).toMatch(/^name: a template named twice already exists in en_US/);
  });
});
