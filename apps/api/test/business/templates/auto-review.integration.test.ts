import { TemplateReviewService } from '@switchboard/business/templates/review/template-review.service';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import {
  createTemplate,
  goodTemplate,
  readTemplate,
  statusEvents,
  waitForStatus,
} from '@switchboard/testkit/business/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// TEMPLATE_REVIEW=auto (the default): creation answers PENDING, the worker's `templates.review` job decides.
describe('templates under automatic review', () => {
  let stack: BusinessStack;
  let biz: TestBusiness;
  beforeAll(async () => {
    stack = await startBusinessStack({ worker: true });
    biz = await stack.business();
  });
  afterAll(() => stack.close());

  it('answers PENDING at once, then the worker approves and the webhook says so', async () => {
    const created = await createTemplate(biz, goodTemplate('order_update'));
    expect(created).toEqual({ id: expect.stringMatching(/^[0-9]{16}$/), status: 'PENDING', category: 'UTILITY' });
    const approved = await waitForStatus(biz, created.id, 'APPROVED');
    expect(approved).toMatchObject({
      name: 'order_update',
      language: 'en_US',
      parameter_format: 'POSITIONAL',
      rejected_reason: 'NONE',
    });
    expect(approved.components.map((c) => c.type)).toEqual(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']);
    expect(await statusEvents(stack, biz.id, created.id)).toEqual([
      {
        event: 'APPROVED',
        message_template_id: Number(created.id),
        message_template_name: 'order_update',
        message_template_language: 'en_US',
        reason: 'NONE',
        message_template_category: 'UTILITY',
      },
    ]);
  });

  it('rejects with Meta’s reason and says why, in the template and in the webhook', async () => {
    const created = await createTemplate(biz, {
      name: 'bad_vars',
      language: 'en',
      category: 'MARKETING',
      components: [
        { type: 'BODY', text: 'Hello {{1}} {{2}}', example: { body_text: [['a']] } },
        { type: 'FOOTER', text: 'f'.repeat(61) },
      ],
    });
    const rejected = await waitForStatus(biz, created.id, 'REJECTED');
    expect(rejected.rejected_reason).toBe('INVALID_FORMAT');
    expect(rejected.rejection_info?.reason).toMatch(/starts or ends with a variable/);
    expect(rejected.rejection_info?.reason).toMatch(/next to each other/);
    expect(rejected.rejection_info?.reason).toMatch(/example value is missing/);
    expect(rejected.rejection_info?.reason).toMatch(/footer is 61 characters; the limit is 60/);
    const [event] = await statusEvents(stack, biz.id, created.id);
    expect(event).toMatchObject({
      event: 'REJECTED',
      reason: 'INVALID_FORMAT',
      rejection_info: rejected.rejection_info,
    });
  });

  it('rejects forbidden content as ABUSIVE_CONTENT', async () => {
    const created = await createTemplate(biz, {
      name: 'phishing',
      language: 'en',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'To continue, reply with your full credit card number today.' }],
    });
    expect((await waitForStatus(biz, created.id, 'REJECTED')).rejected_reason).toBe('ABUSIVE_CONTENT');
  });

  it('fills in the AUTHENTICATION presets and approves them', async () => {
    const created = await createTemplate(biz, {
      name: 'login_code',
      language: 'en_US',
      category: 'AUTHENTICATION',
      components: [
        { type: 'BODY', add_security_recommendation: true },
        { type: 'FOOTER', code_expiration_minutes: 10 },
        { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'copy_code' }] },
      ],
    });
    const t = await waitForStatus(biz, created.id, 'APPROVED');
    expect(t.components[0]).toMatchObject({
      text: '*{{1}}* is your verification code. For your security, do not share this code.',
    });
    expect(t.components[1]).toMatchObject({ text: 'This code expires in 10 minutes.' });
  });

  it('sends an edited template back to review and re-approves it; a second edit within 24 h is refused', async () => {
    const created = await createTemplate(biz, goodTemplate('edit_me'));
    await waitForStatus(biz, created.id, 'APPROVED');
    const edited = await biz.call('POST', `/${created.id}`, {
      components: [{ type: 'BODY', text: 'Hi {{1}}, see you soon.', example: { body_text: [['Ana']] } }],
    });
    expect(edited).toMatchObject({ status: 200, body: { success: true } });
    const after = await waitForStatus(biz, created.id, 'APPROVED');
    expect(after.components).toEqual([
      { type: 'BODY', text: 'Hi {{1}}, see you soon.', example: { body_text: [['Ana']] } },
    ]);
    const events = (await statusEvents(stack, biz.id, created.id)).map((e) => e.event);
    expect(events).toEqual(['APPROVED', 'PENDING', 'APPROVED']);

    const again = await biz.call<{ error: { code: number; error_data: { details: string } } }>(
      'POST',
      `/${created.id}`,
      {
        components: [{ type: 'BODY', text: 'Hi {{1}}, see you later.', example: { body_text: [['Ana']] } }],
      },
    );
    expect(again.status).toBe(400);
    expect(again.body.error.error_data.details).toMatch(/once per 24 hours/);
    const recategorised = await biz.call<{ error: { error_data: { details: string } } }>('POST', `/${created.id}`, {
      category: 'MARKETING',
    });
    expect(recategorised.body.error.error_data.details).toMatch(/^category:/);
  });

  it('edits a rejected template as often as needed', async () => {
    const created = await createTemplate(biz, {
      name: 'fix_me',
      language: 'en',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: '{{1}} hi' }],
    });
    await waitForStatus(biz, created.id, 'REJECTED');
    const fixed = await biz.call('POST', `/${created.id}`, {
      components: [{ type: 'BODY', text: 'Hi {{1}}, welcome.', example: { body_text: [['Ana']] } }],
    });
    expect(fixed.status).toBe(200);
    const t = await waitForStatus(biz, created.id, 'APPROVED');
    expect(t.rejected_reason).toBe('NONE');
    expect(t.rejection_info).toBeUndefined();
    expect((await readTemplate(biz, created.id)).status).toBe('APPROVED');
  });

  it('reviews a template whose job was lost, once the sweep finds it still PENDING', async () => {
    const { id } = await createTemplate(biz, goodTemplate('lost_job'));
    await waitForStatus(biz, id, 'APPROVED');
    // As if Redis had lost the job: back to PENDING at a new revision, untouched for 20 minutes, nothing queued.
    const old = new Date(Date.now() - 20 * 60_000);
    await stack.prisma.$executeRawUnsafe(
      `UPDATE "MessageTemplate" SET status = 'PENDING', revision = revision + 1, "updatedAt" = $2 WHERE id = $1`,
      id,
      old,
    );
    const { requeued } = await stack.api.app.get(TemplateReviewService).requeueStale();
    expect(requeued).toBeGreaterThanOrEqual(1);
    await waitForStatus(biz, id, 'APPROVED');
  });
});
