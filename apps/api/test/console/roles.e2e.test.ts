import type { ConsoleRole } from '@switchboard/business/console/auth/roles';
import { type BusinessStack, startBusinessStack, type TestBusiness } from '@switchboard/testkit/business/stack';
import { type Campaign, campaignBody, createCampaign, randomConsumer } from '@switchboard/testkit/campaigns/api';
import { type Operator, Operators, testEmail } from '@switchboard/testkit/console/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every console endpoint called by every role: what each may do is decided by the API, whatever the UI shows.
describe('console roles', () => {
  let stack: BusinessStack;
  let business: TestBusiness;
  let operators: Operators;
  const as = {} as Record<ConsoleRole, Operator>;
  const b = () => `/console/v1/businesses/${business.id}`;

  beforeAll(async () => {
    stack = await startBusinessStack();
    business = await stack.business();
    // Approved in the table, not through a review: a review's webhook event would be the event the cases below
    // expect not to exist.
    await stack.prisma.messageTemplate.create({
      data: {
        id: String(Date.now()),
        businessId: business.id,
        name: 'promo',
        language: 'en_US',
        category: 'MARKETING',
        parameterFormat: 'POSITIONAL',
        status: 'APPROVED',
        components: [{ type: 'BODY', text: 'Hello {{1}}.', example: { body_text: [['Ana']] } }],
      },
    });
    operators = Operators.of(stack.api.app, stack.api.url);
    as.owner = await operators.owner(business.id);
    for (const role of ['admin', 'agent', 'viewer'] as const)
      as[role] = await operators.invited(as.owner, business.id, role);
  }, 120_000);
  afterAll(() => stack.close());

  /** A fresh member to change or remove, and a fresh invitation to cancel, so each call has its own target. */
  const freshMember = async () => {
    const m = await operators.invited(as.owner, business.id, 'viewer');
    const list = await as.owner.call<{ members: { id: string; user: { email: string } }[] }>('GET', `${b()}/members`);
    return list.body.members.find((x) => x.user.email === m.email)!.id;
  };
  const freshApiKey = async () =>
    (await as.owner.call<{ id: string }>('POST', `${b()}/api_keys`, { name: 'to revoke' })).body.id;
  let templates = 0;
  const template = () => ({
    name: `roles_${templates++}`,
    language: 'en_US',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Your order shipped.' }],
  });
  const freshTemplate = async () =>
    (await as.owner.call<{ id: string }>('POST', `${b()}/message_templates`, template())).status === 200
      ? `roles_${templates - 1}`
      : 'missing';
  const freshInvitation = async () =>
    (await as.owner.call<{ id: string }>('POST', `${b()}/invitations`, { email: testEmail('x'), role: 'agent' })).body
      .id;

  /** A campaign of its own for each call (scheduled far ahead, so nothing sends), optionally paused. */
  const freshCampaign = async (paused = false) => {
    const audience = { csv: `phone,first_name\n${randomConsumer()},A` };
    const c = await createCampaign(
      business,
      campaignBody(business, 'promo', audience, { schedule: { at: '2031-01-01T09:00Z' } }),
    );
    if (paused) await business.call<Campaign>('POST', `/${business.id}/campaigns/${c.id}/pause`);
    return `${b()}/campaigns/${c.id}`;
  };

  /** What the wizard sends: a one-row CSV (scheduled far ahead when launched, so nothing sends). */
  const wizardBody = (extra: object = {}) =>
    campaignBody(business, 'promo', { csv: `phone,first_name\n${randomConsumer()},A` }, extra);
  /** A flow of its own for each call, its draft valid; `published` also publishes it (version 1). */
  const freshFlow = async (published = false) => {
    const created = await as.owner.call<{ id: string }>('POST', `${b()}/flows`, flowBody());
    if (published) await as.owner.call('POST', `${b()}/flows/${created.body.id}/publish`);
    return `${b()}/flows/${created.body.id}`;
  };
  const flowBody = () => ({
    name: 'roles flow',
    phone_number_ids: [business.phoneNumberId],
    definition: { start: 'hi', nodes: [{ id: 'hi', type: 'send_text', text: 'Hello' }] },
  });

  /** A test run of a fresh flow's draft for a consumer of its own (the send fails later: nobody wrote first). */
  const testRun = () => ({ phone_number_id: business.phoneNumberId, to: randomConsumer(), draft: true });
  const freshRun = async () => {
    const run = await as.owner.call<{ id: string }>('POST', `${await freshFlow()}/runs`, testRun());
    return `${b()}/flow_runs/${run.body.id}`;
  };

  /** A contact of its own for each call. */
  const freshContact = async () => {
    const n = randomConsumer();
    await business.call('POST', `/${business.id}/contacts`, { wa_id: n });
    return `${b()}/contacts/${n}`;
  };
  const freshTemplateId = async () =>
    (await as.owner.call<{ id: string }>('POST', `${b()}/message_templates`, template())).body.id;

  const READ = { owner: 200, admin: 200, agent: 200, viewer: 200 };
  const MANAGE = { owner: 200, admin: 200, agent: 403, viewer: 403 };
  const cases: [string, Record<ConsoleRole, number>, () => Promise<[string, string, unknown?]>][] = [
    ['GET me', READ, async () => ['GET', '/console/v1/me']],
    ['GET sessions', READ, async () => ['GET', '/console/v1/sessions']],
    ['GET members', READ, async () => ['GET', `${b()}/members`]],
    ['GET overview', READ, async () => ['GET', `${b()}/overview`]],
    ['GET campaigns', READ, async () => ['GET', `${b()}/campaigns`]],
    ['GET campaign', READ, async () => ['GET', await freshCampaign()]],
    [
      'POST campaigns (launch)',
      MANAGE,
      async () => ['POST', `${b()}/campaigns`, wizardBody({ schedule: { at: '2031-01-01T09:00Z' } })],
    ],
    ['POST campaigns check', MANAGE, async () => ['POST', `${b()}/campaigns/check`, wizardBody()]],
    // An unknown number: the upload's refusal (404) comes after the role check, and nothing is stored.
    [
      'POST media (a template sample)',
      { owner: 404, admin: 404, agent: 403, viewer: 403 },
      async () => ['POST', `${b()}/media?phone_number_id=999999999`],
    ],
    // An unknown number: the send's refusal (404) comes after the role check, and nothing is sent.
    [
      'POST campaigns test-send',
      { owner: 404, admin: 404, agent: 403, viewer: 403 },
      async () => [
        'POST',
        `${b()}/campaigns/test-send`,
        { phone_number_id: '999999999', to: '+16505551234', template: { name: 'x', language: { code: 'en_US' } } },
      ],
    ],
    ['GET campaign recipients', READ, async () => ['GET', `${await freshCampaign()}/recipients`]],
    ['POST campaign pause', MANAGE, async () => ['POST', `${await freshCampaign()}/pause`]],
    ['POST campaign resume', MANAGE, async () => ['POST', `${await freshCampaign(true)}/resume`]],
    ['POST campaign cancel', MANAGE, async () => ['POST', `${await freshCampaign()}/cancel`]],
    // Nothing failed yet, so the retry's refusal (400) comes after the role check.
    [
      'POST campaign retry',
      { owner: 400, admin: 400, agent: 403, viewer: 403 },
      async () => ['POST', `${await freshCampaign()}/retry`],
    ],
    ['POST invitations', MANAGE, async () => ['POST', `${b()}/invitations`, { email: testEmail('i'), role: 'viewer' }]],
    ['DELETE invitation', MANAGE, async () => ['DELETE', `${b()}/invitations/${await freshInvitation()}`]],
    ['PATCH member', MANAGE, async () => ['PATCH', `${b()}/members/${await freshMember()}`, { role: 'agent' }]],
    ['DELETE member', MANAGE, async () => ['DELETE', `${b()}/members/${await freshMember()}`]],
    ['GET api_keys', MANAGE, async () => ['GET', `${b()}/api_keys`]],
    ['POST api_keys', MANAGE, async () => ['POST', `${b()}/api_keys`, { name: 'console key' }]],
    ['DELETE api_key', MANAGE, async () => ['DELETE', `${b()}/api_keys/${await freshApiKey()}`]],
    ['GET contacts', READ, async () => ['GET', `${b()}/contacts?search=1555`]],
    [
      'GET contact',
      { owner: 404, admin: 404, agent: 404, viewer: 404 },
      async () => ['GET', `${b()}/contacts/15550009999`],
    ],
    ['GET conversations', READ, async () => ['GET', `${b()}/conversations?view=mine`]],
    [
      'GET conversation thread',
      { owner: 404, admin: 404, agent: 404, viewer: 404 },
      async () => ['GET', `${b()}/conversations/1999999999999999/messages`],
    ],
    ...(['messages', 'read', 'status', 'assignment', 'notes'] as const).map((action): (typeof cases)[number] => [
      `POST conversation ${action}`,
      { owner: 404, admin: 404, agent: 404, viewer: 403 },
      async () => [
        'POST',
        `${b()}/conversations/1999999999999999/${action}`,
        {
          messages: { type: 'text', text: { body: 'hi' } },
          read: undefined,
          status: { status: 'resolved' },
          assignment: { assignee: null },
          notes: { body: 'a note' },
        }[action],
      ],
    ]),
    ['POST inbox presence', READ, async () => ['POST', `${b()}/inbox/presence`, { status: 'away' }]],
    // The role check comes before the conversation is looked up: a viewer is refused, answering roles find none.
    [
      'POST conversation typing',
      { owner: 404, admin: 404, agent: 404, viewer: 403 },
      async () => ['POST', `${b()}/conversations/1999999999999999/typing`, { typing: true }],
    ],
    ['GET contact opt_history', READ, async () => ['GET', `${await freshContact()}/opt_history`]],
    [
      'PATCH contact',
      { owner: 200, admin: 200, agent: 200, viewer: 403 },
      async () => ['PATCH', await freshContact(), { tags: ['edited'] }],
    ],
    [
      'POST contacts import',
      MANAGE,
      async () => [
        'POST',
        `${b()}/contacts/import`,
        { csv: `phone\n+${randomConsumer()}`, columns: { phone: 'phone' } },
      ],
    ],
    ['GET message_template', READ, async () => ['GET', `${b()}/message_templates/${await freshTemplateId()}`]],
    // A fresh template is PENDING: the edit's refusal (400) comes after the role check.
    [
      'POST message_template edit',
      { owner: 400, admin: 400, agent: 403, viewer: 403 },
      async () => [
        'POST',
        `${b()}/message_templates/${await freshTemplateId()}`,
        { components: [{ type: 'BODY', text: 'Changed.' }] },
      ],
    ],
    ['GET message_templates', READ, async () => ['GET', `${b()}/message_templates`]],
    ['POST message_templates', MANAGE, async () => ['POST', `${b()}/message_templates`, template()]],
    [
      'DELETE message_templates',
      MANAGE,
      async () => ['DELETE', `${b()}/message_templates?name=${await freshTemplate()}`],
    ],
    ['GET flows', READ, async () => ['GET', `${b()}/flows`]],
    ['POST flows', MANAGE, async () => ['POST', `${b()}/flows`, flowBody()]],
    ['GET flow', READ, async () => ['GET', await freshFlow()]],
    ['POST flow', MANAGE, async () => ['POST', await freshFlow(), { name: 'renamed' }]],
    ['DELETE flow', MANAGE, async () => ['DELETE', await freshFlow()]],
    ['POST flow validate', READ, async () => ['POST', `${await freshFlow()}/validate`]],
    ['POST flow publish', MANAGE, async () => ['POST', `${await freshFlow()}/publish`]],
    ['GET flow versions', READ, async () => ['GET', `${await freshFlow(true)}/versions`]],
    ['POST flow rollback', MANAGE, async () => ['POST', `${await freshFlow(true)}/rollback`, { version: 1 }]],
    ['GET flow runs', READ, async () => ['GET', `${await freshFlow(true)}/runs`]],
    ['GET flow analytics', READ, async () => ['GET', `${await freshFlow(true)}/analytics`]],
    ['POST flow runs (a test run)', MANAGE, async () => ['POST', `${await freshFlow()}/runs`, testRun()]],
    ['GET flow_run', READ, async () => ['GET', await freshRun()]],
    ['POST flow_run stop', MANAGE, async () => ['POST', `${await freshRun()}/stop`]],
    ['GET webhook_subscriptions', MANAGE, async () => ['GET', `${b()}/webhook_subscriptions`]],
    // The handshake's refusal (400) comes after the role check: a refused role never reaches the callback URL.
    [
      'POST webhook_subscriptions',
      { owner: 400, admin: 400, agent: 403, viewer: 403 },
      async () => [
        'POST',
        `${b()}/webhook_subscriptions`,
        {
          callback_url: 'http://127.0.0.1:9/closed',
          verify_token: 't',
          app_secret: 'app-secret-0123456789',
          fields: ['messages'],
        },
      ],
    ],
    ['GET webhook_events', MANAGE, async () => ['GET', `${b()}/webhook_events`]],
    [
      'GET webhook_event deliveries',
      { owner: 404, admin: 404, agent: 403, viewer: 403 },
      async () => ['GET', `${b()}/webhook_events/999999999999/deliveries`],
    ],
    [
      'POST webhook_event replay',
      { owner: 404, admin: 404, agent: 403, viewer: 403 },
      async () => ['POST', `${b()}/webhook_events/999999999999/replay`, {}],
    ],
    [
      'POST webhook_events replay',
      MANAGE,
      async () => ['POST', `${b()}/webhook_events/replay`, { since: '2026-01-01T00:00:00Z' }],
    ],
  ];

  it.each(cases)(
    '%s: allowed or refused by role',
    async (_name, expected, request) => {
      const seen: Record<string, number> = {};
      for (const role of Object.keys(expected) as ConsoleRole[]) {
        const [method, path, body] = await request();
        const res = await as[role].call<{ error?: { code: number } }>(method, path, body);
        seen[role] = res.status;
        if (res.status === 403) expect(res.body.error?.code).toBe(10);
      }
      expect(seen).toEqual(expected);
    },
    60_000,
  );

  it('a session that is not a member sees 404 on the business, as if it did not exist; no cookie is 401', async () => {
    const other = await stack.business();
    const stranger = await operators.owner(other.id);
    for (const path of [
      'members',
      'overview',
      'campaigns',
      'api_keys',
      'webhook_events',
      'webhook_subscriptions',
      'message_templates',
      'contacts',
      'flows',
    ]) {
      expect((await stranger.call('GET', `${b()}/${path}`)).status).toBe(404);
      const anonymous = await operators.raw<{ error: { code: number } }>('GET', `${b()}/${path}`);
      expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 102]);
    }
    // A business API key is no console credential.
    const keyed = await operators.raw('GET', '/console/v1/me', undefined, {
      authorization: `Bearer ${business.token}`,
    });
    expect(keyed.status).toBe(401);
  });

  it('writes from another origin are refused (CSRF)', async () => {
    const res = await operators.raw<{ error: { code: number } }>(
      'POST',
      `${b()}/invitations`,
      { email: testEmail('csrf'), role: 'viewer' },
      { cookie: as.owner.cookie, origin: 'https://evil.example' },
    );
    expect([res.status, res.body.error.code]).toEqual([403, 10]);
  });

  it('only an owner makes or changes an owner, and the last owner cannot step down', async () => {
    const target = await freshMember();
    const byAdmin = await as.admin.call('PATCH', `${b()}/members/${target}`, { role: 'owner' });
    expect(byAdmin.status).toBe(403);
    const ownerInvite = await as.admin.call('POST', `${b()}/invitations`, { email: testEmail('o'), role: 'owner' });
    expect(ownerInvite.status).toBe(403);
    const me = await as.owner.call<{ memberships: { member_id: string; business: { id: string } }[] }>(
      'GET',
      '/console/v1/me',
    );
    const ownerMemberId = me.body.memberships.find((m) => m.business.id === business.id)!.member_id;
    expect((await as.admin.call('DELETE', `${b()}/members/${ownerMemberId}`)).status).toBe(403);
    const stepDown = await as.owner.call<{ error: { code: number } }>('PATCH', `${b()}/members/${ownerMemberId}`, {
      role: 'admin',
    });
    expect(stepDown.status).toBe(409);
    expect((await as.owner.call('PATCH', `${b()}/members/${target}`, { role: 'owner' })).status).toBe(200);
  });

  it('a removed member loses access at once', async () => {
    const viewer = await operators.invited(as.owner, business.id, 'viewer');
    const list = await as.owner.call<{ members: { id: string; user: { email: string } }[] }>('GET', `${b()}/members`);
    const id = list.body.members.find((m) => m.user.email === viewer.email)!.id;
    expect((await viewer.call('GET', `${b()}/members`)).status).toBe(200);
    expect((await as.admin.call('DELETE', `${b()}/members/${id}`)).status).toBe(200);
    expect((await viewer.call('GET', `${b()}/members`)).status).toBe(404);
  });
});
