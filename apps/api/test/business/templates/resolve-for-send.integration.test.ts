import { TemplatesService } from '@switchboard/business/templates/templates.service';
import type { ApiError } from '@switchboard/core/errors/api-error';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { createTemplate, goodTemplate } from '@switchboard/testkit/business/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// TemplatesService.resolveForSend, as the send pipeline calls it: the Cloud API's 1320xx codes, and the rendered text.
describe('resolveForSend', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  let templates: TemplatesService;
  const make = async (body: Record<string, unknown>, decisions: string[] = ['APPROVED']) => {
    const { id } = await createTemplate(biz, body);
    for (const decision of decisions) await biz.review(id, { decision, reason: 'SCAM' });
    return id;
  };
  const fails = async (promise: Promise<unknown>) => {
    const err = (await promise.then(
      () => undefined,
      (e: unknown) => e,
    )) as ApiError | undefined;
    if (!err) throw new Error('expected resolveForSend to fail');
    return { status: err.status, code: err.code, details: err.details };
  };
  const resolve = (name: string, components: unknown, language = 'en_US') =>
    templates.resolveForSend(biz.id, name, language, components);

  const body = (...texts: string[]) => ({ type: 'body', parameters: texts.map((text) => ({ type: 'text', text })) });
  const header = { type: 'header', parameters: [{ type: 'text', text: '#9' }] };
  const urlButton = { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'A 9' }] };

  beforeAll(async () => {
    stack = await startBusinessStack({ env: { TEMPLATE_REVIEW: 'manual' } });
    biz = await stack.business();
    templates = stack.api.app.get(TemplatesService);
    await make(goodTemplate('order_update'));
    await make(goodTemplate('pending_one'), []);
    await make(goodTemplate('rejected_one'), ['REJECTED']);
    await make(goodTemplate('paused_one'), ['APPROVED', 'PAUSED']);
    await make(goodTemplate('disabled_one'), ['APPROVED', 'DISABLED']);
    await make({
      name: 'named_one',
      language: 'en_US',
      category: 'MARKETING',
      parameter_format: 'named',
      components: [
        { type: 'header', format: 'image', example: { header_handle: ['4::abc'] } },
        {
          type: 'body',
          text: 'Hi {{first_name}}, you owe {{amount}}.',
          example: {
            body_text_named_params: [
              { param_name: 'first_name', example: 'Ana' },
              { param_name: 'amount', example: '$5' },
            ],
          },
        },
        { type: 'buttons', buttons: [{ type: 'copy_code', example: 'SAVE10' }] },
      ],
    });
  });
  afterAll(() => stack.close());

  it('renders an approved template with its header, body, footer and buttons', async () => {
    const rendered = await resolve('order_update', [header, body('Ana', '#9', 'Monday'), urlButton]);
    expect(rendered).toMatchObject({
      name: 'order_update',
      language: 'en_US',
      category: 'UTILITY',
      header: { type: 'text', text: 'Order #9' },
      body: 'Hi Ana, your order #9 ships on Monday. Thank you!',
      footer: 'Lucky Shrub',
      buttons: [
        { type: 'quick_reply', index: 0, text: 'Stop updates', payload: 'Stop updates' },
        { type: 'url', index: 1, text: 'Track', url: 'https://shop.test/track/A%209' },
      ],
    });
  });

  it('fills named parameters in any order, media headers and copy-code buttons', async () => {
    const rendered = await resolve('named_one', [
      { type: 'HEADER', parameters: [{ type: 'image', image: { link: 'https://cdn.test/a.png' } }] },
      {
        type: 'body',
        parameters: [
          {
            type: 'currency',
            parameter_name: 'amount',
            currency: { fallback_value: '$5.00', code: 'USD', amount_1000: 5000 },
          },
          { type: 'text', parameter_name: 'first_name', text: 'Jo' },
        ],
      },
      { type: 'button', sub_type: 'copy_code', index: 0, parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }] },
    ]);
    expect(rendered).toMatchObject({
      header: { type: 'image', media: { link: 'https://cdn.test/a.png' } },
      body: 'Hi Jo, you owe $5.00.',
      buttons: [{ type: 'copy_code', index: 0, code: 'SAVE10' }],
    });
  });

  it('132001: unknown, in another language, not approved yet, or rejected (HTTP 404)', async () => {
    for (const [name, language] of [
      ['nope', 'en_US'],
      ['order_update', 'es'],
      ['pending_one', 'en_US'],
      ['rejected_one', 'en_US'],
    ])
      expect(await fails(resolve(name!, [], language)), name).toMatchObject({ status: 404, code: 132001 });
  });

  it('132015 paused, 132016 disabled', async () => {
    expect(await fails(resolve('paused_one', []))).toMatchObject({ status: 400, code: 132015 });
    expect(await fails(resolve('disabled_one', []))).toMatchObject({ status: 400, code: 132016 });
  });

  it('132000 when the number of parameters differs', async () => {
    expect(await fails(resolve('order_update', [header, body('Ana', '#9'), urlButton]))).toMatchObject({
      code: 132000,
      details: 'body: expected 3 parameters, got 2',
    });
    expect(await fails(resolve('order_update', [body('Ana', '#9', 'Mon'), urlButton]))).toMatchObject({
      code: 132000,
      details: expect.stringMatching(/^header/),
    });
    expect(await fails(resolve('order_update', [header, body('Ana', '#9', 'Mon')]))).toMatchObject({
      code: 132000,
      details: expect.stringMatching(/^button index 1/),
    });
    expect(await fails(resolve('named_one', [body('x', 'y')]))).toMatchObject({
      code: 132000,
      details: expect.stringMatching(/^header/),
    });
  });

  it('132012 when the kind or the naming of a parameter does not fit', async () => {
    const image = { type: 'header', parameters: [{ type: 'image', image: { id: '1' } }] };
    expect(await fails(resolve('named_one', [image, body('Jo', '$5')]))).toMatchObject({
      code: 132012,
      details: expect.stringMatching(/parameter_name is required/),
    });
    const wrongName = {
      type: 'body',
      parameters: [
        { type: 'text', parameter_name: 'first_name', text: 'a' },
        { type: 'text', parameter_name: 'nope', text: 'b' },
      ],
    };
    expect(await fails(resolve('named_one', [image, wrongName]))).toMatchObject({ code: 132012 });
    const video = { type: 'header', parameters: [{ type: 'video', video: { id: '1' } }] };
    expect(await fails(resolve('named_one', [video]))).toMatchObject({
      code: 132012,
      details: 'header: expected a image parameter, got video',
    });
    const imageInText = { type: 'header', parameters: [{ type: 'image', image: { id: '1' } }] };
    expect(await fails(resolve('order_update', [imageInText, body('a', 'b', 'c'), urlButton]))).toMatchObject({
      code: 132012,
    });
    const quickAsUrl = { type: 'button', sub_type: 'url', index: 0, parameters: [{ type: 'payload', payload: 'x' }] };
    expect(await fails(resolve('order_update', [header, body('a', 'b', 'c'), urlButton, quickAsUrl]))).toMatchObject({
      code: 132012,
    });
  });

  it('132005 when the filled-in text is too long', async () => {
    expect(await fails(resolve('order_update', [header, body('x'.repeat(1000), 'b', 'c'), urlButton]))).toMatchObject({
      code: 132005,
      details: expect.stringMatching(/^body: 10\d\d characters after filling in, limit 1024/),
    });
    const longHeader = { type: 'header', parameters: [{ type: 'text', text: 'h'.repeat(60) }] };
    expect(await fails(resolve('order_update', [longHeader, body('a', 'b', 'c'), urlButton]))).toMatchObject({
      code: 132005,
    });
  });

  it('100 naming the field when the components are malformed', async () => {
    expect(await fails(resolve('order_update', [{ type: 'body', parameters: 'nope' }]))).toMatchObject({
      code: 100,
      details: expect.stringMatching(/^template\.components\[0\]\.parameters:/),
    });
    expect(await fails(resolve('order_update', [{ type: 'footer' }]))).toMatchObject({
      code: 100,
      details: expect.stringMatching(/^template\.components\[0\]\.type/),
    });
  });
});
