// End to end: the console in Chromium against the real API and the production build of the dashboard.

import { type ConsoleWorld, startConsoleWorld } from '@switchboard/testkit/browser/console-world';
import type { Operator } from '@switchboard/testkit/console/operators';
import { totpCode } from '@switchboard/testkit/console/totp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the console in a browser', () => {
  let world: ConsoleWorld;
  let businessId: string;
  let owner: Operator;

  beforeAll(async () => {
    world = await startConsoleWorld();
    businessId = await world.business('Console Browser Co');
  }, 300_000);
  afterAll(() => world?.close(), 60_000);

  /** No serious or critical axe violation, light and dark. */
  const accessible = async (page: Parameters<ConsoleWorld['accessibility']>[0]) =>
    expect(await world.accessibility(page)).toEqual([]);

  it('the first owner opens the setup link, sets a password and lands on the overview', async () => {
    const page = await world.browser();
    const email = 'first-owner@example.test';
    const link = new URL(
      await (world.operators as unknown as { setupLink: (e: string, b: string) => Promise<string> }).setupLink(
        email,
        businessId,
      ),
    );
    await page.goto(link.pathname);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Join Console Browser Co');
    await accessible(page);
    await world.screenshot(page, 'console-invite');
    await page.getByLabel('Your name').fill('First Owner');
    await page.getByLabel(/Choose a password/).fill('correct horse battery');
    await page.getByTestId('accept-submit').click();
    await page.waitForURL('**/overview');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Console Browser Co');
    expect(await page.getByTestId('limit-use').textContent()).toContain('0 used of 250');
    await accessible(page);
    await world.screenshot(page, 'console-overview');
    owner = world.operators.operator(email, 'correct horse battery', 'First Owner', '');
  });

  it('signs out from the user menu and back in; pages need a session', async () => {
    const page = await world.browser();
    await page.goto('/members');
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await accessible(page);
    await world.signIn(page, owner, '/members');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    expect(await page.getByTestId('signed-out').isVisible()).toBe(true);
    await world.screenshot(page, 'console-signed-out');
    await page.goto('/overview');
    await page.waitForURL((u) => u.pathname === '/sign-in');
  });

  it('an expired session is sent to the sign-in page', async () => {
    const page = await world.browser();
    await world.signIn(page, owner);
    const user = await world.prisma.consoleUser.findUniqueOrThrow({ where: { email: owner.email } });
    await world.prisma.consoleSession.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await page.goto('/members');
    await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('next') === '/members');
    await world.screenshot(page, 'console-expired-session');
  });

  it('wrong passwords say what is wrong, then the account is throttled', async () => {
    const signedIn = await world.operators.join((await inviteLink('viewer')).link, (await lastInvite()).email);
    const page = await world.browser();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(signedIn.email);
    const attempt = async (password: string) => {
      await page.getByLabel('Password').fill(password);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/console/v1/auth/sign-in/email')),
        page.getByTestId('sign-in-submit').click(),
      ]);
      return answer.status();
    };
    for (let i = 0; i < 5; i++) {
      expect(await attempt(`wrong-password-${i}`)).toBe(401);
      await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toContain('Email or password is wrong');
    }
    expect(await attempt(signedIn.password)).toBe(429);
    await expect
      .poll(() => page.getByTestId('sign-in-error').textContent())
      .toMatch(/Too many failed sign-ins.*try again in \d+ s/);
    await accessible(page);
    await world.screenshot(page, 'console-sign-in-throttled');
  });

  it('owner: invites by link, changes a role, removes a member, signs out elsewhere', async () => {
    const page = await world.browser();
    await world.signIn(page, owner, '/members');
    await page.getByTestId('invite-open').click();
    await page.getByLabel('Email', { exact: true }).fill('new-agent@example.test');
    await page.getByLabel('Role', { exact: true }).selectOption('agent');
    await page.getByTestId('invite-submit').click();
    const link = await page.getByTestId('invite-link').inputValue();
    expect(link).toMatch(/\/invite\//);
    await accessible(page);
    await world.screenshot(page, 'console-members-invite');
    await page.getByRole('button', { name: 'Done' }).click();

    const agent = await world.operators.join(link, 'new-agent@example.test');
    await page.reload();
    const row = page.getByTestId(`member-${agent.email}`);
    await row.getByLabel(`Role of ${agent.email}`).selectOption('admin');
    await expect
      .poll(async () => (await world.prisma.consoleMember.findFirst({ where: { user: { email: agent.email } } }))?.role)
      .toBe('admin');

    await row.getByRole('button', { name: `Remove ${agent.email}` }).click();
    await page.getByTestId('remove-confirm').click();
    await expect.poll(() => page.getByTestId(`member-${agent.email}`).count()).toBe(0);

    const other = await world.browser();
    await world.signIn(other, owner);
    await page.reload();
    await page.getByTestId('sign-out-elsewhere').click();
    await expect.poll(() => page.getByTestId('sessions-note').textContent()).toMatch(/Signed out of \d+ other session/);
    await other.goto('/members');
    await other.waitForURL((u) => u.pathname === '/sign-in');
    await accessible(page);
    await world.screenshot(page, 'console-members-owner');
  });

  it('admin manages members but cannot touch the owner; viewer and agent only read', async () => {
    const admin = await world.operators.join((await inviteLink('admin')).link, (await lastInvite()).email);
    const page = await world.browser();
    await world.signIn(page, admin, '/members');
    expect(await page.getByTestId('invite-open').isVisible()).toBe(true);
    const ownerRow = page.getByTestId(`member-${owner.email}`);
    expect(await ownerRow.getByRole('combobox').count()).toBe(0);
    expect(await ownerRow.getByRole('button').count()).toBe(0);
    await world.screenshot(page, 'console-members-admin');

    for (const role of ['agent', 'viewer'] as const) {
      const reader = await world.operators.join((await inviteLink(role)).link, (await lastInvite()).email);
      const readerPage = await world.browser({ viewport: 'phone', colorScheme: 'dark' });
      await world.signIn(readerPage, reader, '/members');
      expect(await readerPage.getByTestId('read-only').textContent()).toContain(`Your role (${role})`);
      expect(await readerPage.getByTestId('invite-open').count()).toBe(0);
      expect(await readerPage.getByRole('combobox', { name: /Role of/ }).count()).toBe(0);
      await accessible(readerPage);
      await world.screenshot(readerPage, `console-members-${role}-390px-dark`);
    }
  });

  it('turns TOTP on from the Members page; the next sign-in asks for the code', async () => {
    const agent = await world.operators.join((await inviteLink('agent')).link, (await lastInvite()).email);
    const page = await world.browser();
    await world.signIn(page, agent, '/members');
    await page.getByLabel('Your password').fill(agent.password);
    await page.getByTestId('totp-toggle').click();
    const uri = await page.getByTestId('totp-uri').inputValue();
    await page.getByLabel('The 6-digit code it shows now').fill(totpCode(uri));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(() => page.getByTestId('totp-state').textContent()).toContain('On:');
    await accessible(page);
    await world.screenshot(page, 'console-totp-on');

    const again = await world.browser();
    await again.goto('/sign-in');
    await again.getByLabel('Email').fill(agent.email);
    await again.getByLabel('Password').fill(agent.password);
    await again.getByTestId('sign-in-submit').click();
    await again.getByLabel('Code').fill(totpCode(uri));
    await again.getByRole('button', { name: 'Verify' }).click();
    await again.waitForURL('**/overview');
  });

  it('is keyboard reachable with visible focus: Tab to Invite, Enter opens the dialog, Escape gives focus back', async () => {
    const page = await world.browser();
    await world.signIn(page, owner, '/members');
    const focused = () => page.evaluate('document.activeElement?.dataset?.testid ?? document.activeElement?.id');
    for (let i = 0; i < 40 && (await focused()) !== 'invite-open'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('invite-open');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await focused()).toBe('invite-email');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    // The dialog gives focus back to its trigger as it unmounts, a moment after it is hidden.
    await expect.poll(focused).toBe('invite-open');
  });

  it('campaigns and overview work at 390 px in the dark theme', async () => {
    const page = await world.browser({ viewport: 'phone', colorScheme: 'dark' });
    await world.signIn(page, owner, '/campaigns');
    expect(await page.getByText('No campaigns yet').isVisible()).toBe(true);
    await accessible(page);
    await world.screenshot(page, 'console-campaigns-390px-dark');
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.waitForURL('**/overview');
    expect(await page.evaluate('document.documentElement.scrollWidth <= 390')).toBe(true);
    await accessible(page);
    await world.screenshot(page, 'console-overview-390px-dark');
  });

  it('the overview charts sent / delivered / read / failed over 24 h, 7 d and 30 d and calls out a failing webhook', async () => {
    const number = await world.prisma.businessNumber.findFirstOrThrow({ where: { businessId } });
    const ago = (days: number, hours = 0) => new Date(Date.now() - (days * 24 + hours) * 3_600_000);
    const message = (i: number, status: string, createdAt: Date, direction = 'outbound') => ({
      wamid: `wamid.overview-${businessId}-${i}`,
      businessId,
      phoneNumberId: number.id,
      direction: direction as 'outbound',
      waId: `1555000${i}`,
      type: 'text',
      payload: {},
      status: status as 'sent',
      createdAt,
    });
    await world.prisma.businessMessage.createMany({
      data: [
        message(1, 'read', ago(0, 1)),
        message(2, 'delivered', ago(0, 2)),
        message(3, 'failed', ago(0, 3)),
        message(4, 'sent', ago(3)),
        message(5, 'sent', ago(3)),
        message(6, 'read', ago(20)),
        message(7, 'read', ago(40)), // older than every window
        message(8, 'delivered', ago(0, 1), 'inbound'), // received, not sent
      ],
    });
    const subscription = await world.prisma.webhookSubscription.create({
      data: {
        id: `sub-overview-${businessId}`,
        businessId,
        callbackUrl: 'http://127.0.0.1:9/overview-hook',
        verifyTokenEnc: Buffer.from('x'),
        appSecretEnc: Buffer.from('x'),
        fields: ['messages'],
        verifiedAt: ago(2),
      },
    });
    const attempt = (startedAt: Date, error: string | null, statusCode: number | null) => ({
      subscriptionId: subscription.id,
      startedAt,
      latencyMs: 5,
      statusCode,
      error,
      eventCount: 1,
      bytes: 100,
    });
    await world.prisma.webhookAttempt.createMany({
      data: [
        attempt(ago(1), null, 200),
        attempt(ago(0, 2), 'HTTP 500: receiver down', 500),
        attempt(ago(0, 1), 'ECONNREFUSED', null),
      ],
    });

    const page = await world.browser();
    await world.signIn(page, owner, '/overview');
    const figures = async (window: string) =>
      Object.fromEntries(
        await Promise.all(
          ['sent', 'delivered', 'read', 'failed'].map(async (s) => [
            s,
            Number(await page.getByTestId(`traffic-${window}-${s}`).textContent()),
          ]),
        ),
      );
    expect(await figures('last_24h')).toEqual({ sent: 2, delivered: 2, read: 1, failed: 1 });
    expect(await page.locator('.chart .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const failing = page.getByTestId('failing-webhooks');
    expect(await failing.textContent()).toContain('http://127.0.0.1:9/overview-hook: ECONNREFUSED (2 failed in 24 h');
    // The number's own row: three messages sent from it in the last 24 hours.
    expect(await page.getByRole('row').filter({ hasText: number.phoneNumber }).textContent()).toMatch(/3$/);
    await accessible(page);
    await world.screenshot(page, 'console-overview-traffic');

    // The window tabs are reached and switched by keyboard (Radix Tabs: arrows move between them).
    await page.getByTestId('traffic-tab-last_24h').focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('traffic-last_7d-sent').waitFor();
    expect(await figures('last_7d')).toEqual({ sent: 4, delivered: 2, read: 1, failed: 1 });
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('traffic-last_30d-sent').waitFor();
    expect(await figures('last_30d')).toEqual({ sent: 5, delivered: 3, read: 2, failed: 1 });
    await accessible(page);

    // A later successful POST takes the subscription off the list.
    await world.prisma.webhookAttempt.create({ data: attempt(new Date(), null, 200) });
    await page.reload();
    await page.getByTestId('traffic-last_24h-sent').waitFor();
    expect(await page.getByTestId('failing-webhooks').count()).toBe(0);

    // The chart fits a phone.
    const phone = await world.browser({ viewport: 'phone', colorScheme: 'dark' });
    await world.signIn(phone, owner, '/overview');
    await phone.locator('.chart .recharts-bar-rectangle').first().waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth <= 390')).toBe(true);
    await accessible(phone);
    await world.screenshot(phone, 'console-overview-traffic-390px-dark');

    // The month's scan only when asked: pages that read the overview for its numbers get none; a bad flag is a 400.
    const signed = world.operators.operator(owner.email, owner.password, owner.name, await ownerCookie());
    const overview = `/console/v1/businesses/${businessId}/overview`;
    const plain = await signed.call<Record<string, unknown>>('GET', overview);
    expect([plain.status, 'traffic' in plain.body, plain.body.numbers]).toMatchObject([
      200,
      false,
      [{ messages_24h: 3 }],
    ]);
    const charted = await signed.call<{ traffic: { last_30d: { points: unknown[] } } }>(
      'GET',
      `${overview}?traffic=true`,
    );
    expect(charted.body.traffic.last_30d.points).toHaveLength(30);
    expect((await signed.call('GET', `${overview}?traffic=maybe`)).status).toBe(400);
  });

  /** An invitation made by the owner through the API (the UI's own path is tested above). */
  const invites: { email: string; link: string }[] = [];
  async function inviteLink(role: 'admin' | 'agent' | 'viewer') {
    const signed = world.operators.operator(owner.email, owner.password, owner.name, await ownerCookie());
    const email = `${role}-${invites.length}@example.test`;
    const res = await signed.call<{ link: string }>('POST', `/console/v1/businesses/${businessId}/invitations`, {
      email,
      role,
    });
    invites.push({ email, link: res.body.link });
    return invites.at(-1)!;
  }
  async function lastInvite() {
    return invites.at(-1)!;
  }
  async function ownerCookie() {
    const res = await world.operators.signIn(owner.email, owner.password);
    return res.headers
      .getSetCookie()
      .find((c) => c.startsWith('switchboard.session_token='))!
      .split(';')[0]!;
  }
});
