import { GraphIds } from '@switchboard/business/common/ids';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { goodTemplate } from '@switchboard/testkit/business/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Created = { id: string; error?: { code: number; message: string; error_data?: { details: string } } };

// Meta's template limits (templates/overview): 250 templates per WABA, each language counting (2388019), and 100
// created per hour (80008 here). The caps are reached by seeding rows directly; the creates go through the API.
describe('template limits', () => {
  let stack: BusinessStack;
  const create = (biz: TestBusiness, name: string, language = 'en_US') =>
    biz.call<Created>('POST', `/${biz.id}/message_templates`, goodTemplate(name, language));

  beforeAll(async () => {
    stack = await startBusinessStack({ env: { TEMPLATE_REVIEW: 'manual' } });
  });
  afterAll(() => stack?.close());

  async function seedTemplates(biz: TestBusiness, count: number) {
    const ids = stack.api.app.get(GraphIds);
    const data = [];
    for (let i = 0; i < count; i++)
      data.push({
        id: await ids.newGraphId(),
        businessId: biz.id,
        name: `seeded_${i}`,
        language: 'en_US',
        category: 'UTILITY' as const,
        parameterFormat: 'POSITIONAL' as const,
        components: [],
      });
    await stack.prisma.messageTemplate.createMany({ data });
  }
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

  it('at 249 templates, two concurrent creates (two languages of one name) let exactly one through: 2388019', async () => {
    const biz = await stack.business();
    await seedTemplates(biz, 249);
    const results = await Promise.all([create(biz, 'last_one', 'en_US'), create(biz, 'last_one', 'es')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    const refused = results.find((r) => r.status === 400)!;
    expect(refused.body.error).toMatchObject({
      code: 2388019,
      message: '(#2388019) Message Template Limit Exceeded',
      error_data: { details: expect.stringMatching(/250 \(each language counts as a template\)/) },
    });
    expect(await stack.prisma.messageTemplate.count({ where: { businessId: biz.id } })).toBe(250);

    // Any further language or name is refused too; deleting one makes room again.
    expect((await create(biz, 'another')).body.error?.code).toBe(2388019);
    expect((await biz.call('DELETE', `/${biz.id}/message_templates?name=seeded_0`)).status).toBe(200);
    expect((await create(biz, 'another')).status).toBe(200);
    expect((await create(biz, 'and_another')).body.error?.code).toBe(2388019);
  }, 60_000);

  it('100 creations per rolling hour: older ones do not count, refused and deleted ones change nothing', async () => {
    const biz = await stack.business();
    const older = Array.from({ length: 50 }, (_, i) => minutesAgo(61 + i));
    const recent = Array.from({ length: 99 }, (_, i) => minutesAgo(59 - i * 0.5));
    await stack.prisma.business.update({ where: { id: biz.id }, data: { templateCreations: [...older, ...recent] } });

    // A create refused for another reason (a duplicate) books nothing.
    expect((await create(biz, 'hourly_a')).status).toBe(200); // the 100th in the hour
    await stack.prisma.business.update({
      where: { id: biz.id },
      data: { templateCreations: recent }, // back to 99, with hourly_a existing
    });
    const duplicate = await create(biz, 'hourly_a');
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error?.code).toBe(100);

    // Two at once at 99: one passes, one is 80008 naming when the oldest creation leaves the window.
    const results = await Promise.all([create(biz, 'hourly_b'), create(biz, 'hourly_c')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    const refused = results.find((r) => r.status === 400)!.body.error!;
    expect(refused.code).toBe(80008);
    const freesAt = new Date(recent[0]!.getTime() + 3_600_000).toISOString();
    const details = refused.error_data?.details ?? '';
    expect(details).toContain(
      `At most 100 message templates can be created per hour in a WhatsApp Business Account; the next can be created at ${freesAt} (in `,
    );
    expect(Number(details.match(/\(in (\d+) s\)\.$/)?.[1])).toBeGreaterThan(55);

    // Deleting a template does not give its creation back.
    expect((await biz.call('DELETE', `/${biz.id}/message_templates?name=hourly_a`)).status).toBe(200);
    expect((await create(biz, 'hourly_d')).body.error?.code).toBe(80008);
    const row = await stack.prisma.business.findUniqueOrThrow({ where: { id: biz.id } });
    expect(row.templateCreations).toHaveLength(100); // pruned to the hour: 99 seeded + 1
  }, 60_000);
});
