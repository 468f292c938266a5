import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { goodTemplate } from '@switchboard/testkit/business/templates';
import { type Operator, Operators } from '@switchboard/testkit/console/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface GraphError {
  error: { code: number; message: string; error_data?: { details?: string } };
}

// A template made in the console meets the Cloud API endpoint's rules: the same service, the same refusals.
describe('console templates', () => {
  let stack: BusinessStack;
  let business: TestBusiness;
  let owner: Operator;
  const templates = () => `/console/v1/businesses/${business.id}/message_templates`;

  beforeAll(async () => {
    stack = await startBusinessStack();
    business = await stack.business();
    owner = await Operators.of(stack.api.app, stack.api.url).owner(business.id);
  }, 120_000);
  afterAll(() => stack.close());

  it('creates a template for review, lists it with filters, the Cloud API sees it, and deletes it', async () => {
    const created = await owner.call<{ id: string; status: string }>('POST', templates(), goodTemplate('console_made'));
    expect([created.status, created.body.status]).toEqual([200, 'PENDING']);
    const listed = await owner.call<{ data: { id: string; name: string }[] }>(
      'GET',
      `${templates()}?name=console_made&category=utility&limit=5`,
    );
    expect(listed.body.data.map((t) => t.id)).toEqual([created.body.id]);
    const viaApi = await business.call<{ data: { id: string }[] }>('GET', `/${business.id}/message_templates`);
    expect(viaApi.body.data.map((t) => t.id)).toContain(created.body.id);

    expect((await owner.call('DELETE', `${templates()}?name=console_made`)).status).toBe(200);
    expect((await owner.call<{ data: unknown[] }>('GET', `${templates()}?name=console_made`)).body.data).toEqual([]);
  });

  it('refuses what the Cloud API refuses, naming the field, in the error envelope', async () => {
    const noBody = await owner.call<GraphError>('POST', templates(), {
      ...goodTemplate('no_body'),
      components: [{ type: 'FOOTER', text: 'Thanks' }],
    });
    expect([noBody.status, noBody.body.error.code]).toEqual([400, 100]);
    expect(noBody.body.error.error_data?.details).toMatch(/components/);
    const badName = await owner.call<GraphError>('POST', templates(), goodTemplate('Bad Name!'));
    expect([badName.status, badName.body.error.code]).toEqual([400, 100]);
    expect(badName.body.error.error_data?.details).toMatch(/name/);
  });

  it("reads one template and edits it within Meta's limits: back to review, a PENDING one refused", async () => {
    const created = await owner.call<{ id: string }>('POST', templates(), goodTemplate('console_edit'));
    const id = created.body.id;
    expect((await business.review(id, { decision: 'APPROVED' })).status).toBe(200);
    const one = await owner.call<{ id: string; status: string }>('GET', `${templates()}/${id}`);
    expect([one.status, one.body.status]).toEqual([200, 'APPROVED']);
    const components = [{ type: 'BODY', text: 'Your order has left our shop.' }];
    const recategorised = await owner.call<GraphError>('POST', `${templates()}/${id}`, {
      category: 'MARKETING',
      components,
    });
    expect(recategorised.status).toBe(400);
    expect(recategorised.body.error.error_data?.details).toMatch(/^category/);
    const edited = await owner.call<{ success: boolean }>('POST', `${templates()}/${id}`, { components });
    expect([edited.status, edited.body.success]).toEqual([200, true]);
    const after = await owner.call<{ status: string; components: { text?: string }[] }>('GET', `${templates()}/${id}`);
    expect(after.body.status).toBe('PENDING');
    expect(after.body.components.map((c) => c.text)).toContain('Your order has left our shop.');
    const again = await owner.call<GraphError>('POST', `${templates()}/${id}`, { components });
    expect([again.status, again.body.error.code]).toEqual([400, 100]);
    expect((await owner.call('GET', `${templates()}/999999999999`)).status).toBe(404);
  });
});
